// SPDX-License-Identifier: MIT
#include "locality/geom/geos_context.hpp"

#include <algorithm>
#include <utility>

#include "locality/core/error.hpp"

namespace locality::geom {

namespace {

// GEOS hands the already formatted message to the _r handler.
void store_message(const char* message, void* userdata) {
    *static_cast<std::string*>(userdata) = message != nullptr ? message : "";
}

}  // namespace

GeosContext::GeosContext() : m_handle(GEOS_init_r()), m_last_error(std::make_unique<std::string>()) {
    if (m_handle == nullptr) {
        throw GeometryError("GEOS could not create a context (out of memory?)");
    }
    GEOSContext_setErrorMessageHandler_r(m_handle, &store_message, m_last_error.get());
}

GeosContext::~GeosContext() {
    if (m_handle != nullptr) {
        GEOS_finish_r(m_handle);
    }
}

GeosContext::GeosContext(GeosContext&& other) noexcept
    : m_handle(std::exchange(other.m_handle, nullptr)), m_last_error(std::move(other.m_last_error)) {}

GeosContext& GeosContext::operator=(GeosContext&& other) noexcept {
    if (this != &other) {
        if (m_handle != nullptr) {
            GEOS_finish_r(m_handle);
        }
        m_handle = std::exchange(other.m_handle, nullptr);
        m_last_error = std::move(other.m_last_error);
    }
    return *this;
}

GeomPtr check(const GeosContext& ctx, GEOSGeometry* g) {
    if (g == nullptr) {
        throw GeometryError("GEOS: " + ctx.last_error());
    }
    return GeomPtr(g, GeomDeleter{ctx.handle()});
}

PreparedPtr prepare(const GeosContext& ctx, const GEOSGeometry* g) {
    const GEOSPreparedGeometry* p = GEOSPrepare_r(ctx.handle(), g);
    if (p == nullptr) {
        throw GeometryError("GEOS could not prepare a geometry: " + ctx.last_error());
    }
    return PreparedPtr(p, PreparedDeleter{ctx.handle()});
}

GeomPtr from_wkb(const GeosContext& ctx, const Wkb& wkb) {
    WkbReaderPtr reader(GEOSWKBReader_create_r(ctx.handle()), WkbReaderDeleter{ctx.handle()});
    GEOSGeometry* g = GEOSWKBReader_read_r(ctx.handle(), reader.get(), wkb.data(), wkb.size());
    if (g == nullptr) {
        throw GeometryError("malformed geometry (WKB): " + ctx.last_error());
    }
    return GeomPtr(g, GeomDeleter{ctx.handle()});
}

GeomPtr from_wkt(const GeosContext& ctx, const std::string& wkt) {
    GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.handle());
    GEOSGeometry* g = GEOSWKTReader_read_r(ctx.handle(), reader, wkt.c_str());
    GEOSWKTReader_destroy_r(ctx.handle(), reader);
    if (g == nullptr) {
        throw GeometryError("malformed geometry (WKT): " + ctx.last_error());
    }
    return GeomPtr(g, GeomDeleter{ctx.handle()});
}

Wkb to_wkb(const GeosContext& ctx, const GEOSGeometry* g) {
    WkbWriterPtr writer(GEOSWKBWriter_create_r(ctx.handle()), WkbWriterDeleter{ctx.handle()});
    GEOSWKBWriter_setOutputDimension_r(ctx.handle(), writer.get(), 2);
    GEOSWKBWriter_setByteOrder_r(ctx.handle(), writer.get(), GEOS_WKB_NDR);
    std::size_t size = 0;
    unsigned char* bytes = GEOSWKBWriter_write_r(ctx.handle(), writer.get(), g, &size);
    if (bytes == nullptr) {
        throw GeometryError("GEOS could not write WKB: " + ctx.last_error());
    }
    Wkb out(bytes, bytes + size);
    GEOSFree_r(ctx.handle(), bytes);
    return out;
}

std::string to_wkt(const GeosContext& ctx, const GEOSGeometry* g) {
    GEOSWKTWriter* writer = GEOSWKTWriter_create_r(ctx.handle());
    GEOSWKTWriter_setTrim_r(ctx.handle(), writer, 1);
    char* text = GEOSWKTWriter_write_r(ctx.handle(), writer, g);
    GEOSWKTWriter_destroy_r(ctx.handle(), writer);
    if (text == nullptr) {
        throw GeometryError("GEOS could not write WKT: " + ctx.last_error());
    }
    std::string out(text);
    GEOSFree_r(ctx.handle(), text);
    return out;
}

double area(const GeosContext& ctx, const GEOSGeometry* g) {
    double value = 0.0;
    if (GEOSArea_r(ctx.handle(), g, &value) == 0) {
        throw GeometryError("GEOS could not compute an area: " + ctx.last_error());
    }
    return value;
}

double polsby_popper(const GeosContext& ctx, const GEOSGeometry* g) {
    constexpr double k_pi = 3.14159265358979323846;
    double perimeter = 0.0;
    if (GEOSLength_r(ctx.handle(), g, &perimeter) == 0) {
        throw GeometryError("GEOS could not compute a perimeter: " + ctx.last_error());
    }
    return perimeter > 0.0 ? 4.0 * k_pi * area(ctx, g) / (perimeter * perimeter) : 0.0;
}

GeomPtr label_point(const GeosContext& ctx, const GEOSGeometry* g) {
    const GEOSGeometry* largest = nullptr;
    double largest_area = 0.0;
    const int parts = GEOSGetNumGeometries_r(ctx.handle(), g);
    for (int p = 0; p < parts; ++p) {
        const GEOSGeometry* part = GEOSGetGeometryN_r(ctx.handle(), g, p);
        if (GEOSGeomTypeId_r(ctx.handle(), part) != GEOS_POLYGON || GEOSisEmpty_r(ctx.handle(), part) == 1) {
            continue;
        }
        const double part_area = area(ctx, part);
        if (largest == nullptr || part_area > largest_area) {
            largest = part;
            largest_area = part_area;
        }
    }
    if (largest == nullptr || !(largest_area > 0.0)) {
        return check(ctx, GEOSPointOnSurface_r(ctx.handle(), g));
    }
    double min_x = 0.0;
    double min_y = 0.0;
    double max_x = 0.0;
    double max_y = 0.0;
    if (GEOSGeom_getExtent_r(ctx.handle(), largest, &min_x, &min_y, &max_x, &max_y) == 0) {
        throw GeometryError("GEOS could not compute an extent: " + ctx.last_error());
    }
    const double tolerance = std::max(max_x - min_x, max_y - min_y) / 1000.0;
    // The circle comes back as a line from its centre to the nearest boundary point.
    const GeomPtr radius = check(ctx, GEOSMaximumInscribedCircle_r(ctx.handle(), largest, tolerance));
    return check(ctx, GEOSGeomGetStartPoint_r(ctx.handle(), radius.get()));
}

GeomPtr make_point(const GeosContext& ctx, double x, double y) {
    return check(ctx, GEOSGeom_createPointFromXY_r(ctx.handle(), x, y));
}

GeomPtr make_box(const GeosContext& ctx, double min_x, double min_y, double max_x, double max_y) {
    return check(ctx, GEOSGeom_createRectangle_r(ctx.handle(), min_x, min_y, max_x, max_y));
}

}  // namespace locality::geom
