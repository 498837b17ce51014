// SPDX-License-Identifier: MIT
#pragma once

#include <geos_c.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace locality::geom {

/**
 * Owns one GEOS context handle (GEOS_init_r / GEOS_finish_r) and keeps GEOS's last error
 * message for the exception. Not thread-safe: use one context per thread.
 */
class GeosContext {
public:
    GeosContext();
    ~GeosContext();
    GeosContext(const GeosContext&) = delete;
    GeosContext& operator=(const GeosContext&) = delete;
    GeosContext(GeosContext&& other) noexcept;
    GeosContext& operator=(GeosContext&& other) noexcept;

    /** The raw handle for GEOS *_r calls. */
    GEOSContextHandle_t handle() const noexcept { return m_handle; }
    /** The last error GEOS reported on this context (empty if none). */
    const std::string& last_error() const noexcept { return *m_last_error; }

private:
    GEOSContextHandle_t m_handle = nullptr;
    // Heap-allocated so the address given to GEOS as user data survives moves.
    std::unique_ptr<std::string> m_last_error;
};

/** Deleter of a GEOS geometry; remembers its context. */
struct GeomDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSGeometry* g) const noexcept { GEOSGeom_destroy_r(ctx, g); }
};
/** Deleter of a prepared geometry. */
struct PreparedDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(const GEOSPreparedGeometry* g) const noexcept { GEOSPreparedGeom_destroy_r(ctx, g); }
};
/** Deleter of a WKB reader. */
struct WkbReaderDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSWKBReader* r) const noexcept { GEOSWKBReader_destroy_r(ctx, r); }
};
/** Deleter of a WKB writer. */
struct WkbWriterDeleter {
    GEOSContextHandle_t ctx = nullptr;
    void operator()(GEOSWKBWriter* w) const noexcept { GEOSWKBWriter_destroy_r(ctx, w); }
};

using GeomPtr = std::unique_ptr<GEOSGeometry, GeomDeleter>;
using PreparedPtr = std::unique_ptr<const GEOSPreparedGeometry, PreparedDeleter>;
using WkbReaderPtr = std::unique_ptr<GEOSWKBReader, WkbReaderDeleter>;
using WkbWriterPtr = std::unique_ptr<GEOSWKBWriter, WkbWriterDeleter>;

/** Well-known binary bytes: how geometries travel between modules (context-free, thread-safe). */
using Wkb = std::vector<std::uint8_t>;

/** Wraps a GEOS result; throws GeometryError with GEOS's message when `g` is null. */
GeomPtr check(const GeosContext& ctx, GEOSGeometry* g);
/** Prepares `g` (which must outlive the result); throws GeometryError on failure. */
PreparedPtr prepare(const GeosContext& ctx, const GEOSGeometry* g);
/** Parses WKB; throws GeometryError on malformed bytes. */
GeomPtr from_wkb(const GeosContext& ctx, const Wkb& wkb);
/** Parses WKT (tests and fixtures); throws GeometryError on malformed text. */
GeomPtr from_wkt(const GeosContext& ctx, const std::string& wkt);
/** Serialises to 2D little-endian WKB. */
Wkb to_wkb(const GeosContext& ctx, const GEOSGeometry* g);
/** Serialises to WKT (tests and messages). */
std::string to_wkt(const GeosContext& ctx, const GEOSGeometry* g);
/** Area in squared CRS units; throws GeometryError on failure. */
double area(const GeosContext& ctx, const GEOSGeometry* g);
/**
 * Polsby-Popper compactness, 4 pi area / perimeter^2: 1 for a disc, pi/4 for a square, 0 for a
 * geometry without perimeter. Throws GeometryError on failure.
 */
double polsby_popper(const GeosContext& ctx, const GEOSGeometry* g);
/**
 * Where a label of `g` goes: the pole of inaccessibility (centre of the largest inscribed circle,
 * GEOSMaximumInscribedCircle_r to 1/1000 of the part's size) of its largest polygonal part, so that the
 * label sits on a shape's main body, never on a detached island nor outside a C-shaped part. For an
 * empty or non-polygonal `g`: a point on its surface. Throws GeometryError on failure.
 */
GeomPtr label_point(const GeosContext& ctx, const GEOSGeometry* g);
/** A point geometry at (x, y). */
GeomPtr make_point(const GeosContext& ctx, double x, double y);
/** An axis-aligned rectangle polygon. */
GeomPtr make_box(const GeosContext& ctx, double min_x, double min_y, double max_x, double max_y);

}  // namespace locality::geom
