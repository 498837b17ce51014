// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "locality/core/types.hpp"
#include "locality/geom/geos_context.hpp"

class OGRSpatialReference;

namespace locality::io {

/** Gives a GDAL spatial reference back: they are reference-counted, released and never deleted. */
struct SrsRelease {
    void operator()(OGRSpatialReference* srs) const noexcept;
};
/** The one owner of a GDAL spatial reference, in io and output alike. */
using SrsPtr = std::unique_ptr<OGRSpatialReference, SrsRelease>;

/**
 * A coordinate reference system (GDAL OGRSpatialReference) in traditional GIS axis order
 * (x = easting/longitude, y = northing/latitude) whatever the authority says. Copyable.
 */
class Crs {
public:
    /** An undefined CRS (is_defined() false). */
    Crs();
    ~Crs();
    Crs(const Crs&);
    Crs& operator=(const Crs&);
    Crs(Crs&&) noexcept;
    Crs& operator=(Crs&&) noexcept;

    /** From "EPSG:4326", WKT, PROJ string or any text GDAL's SetFromUserInput takes; throws InputError naming
     * `what`. */
    static Crs from_user_input(const std::string& text, const std::string& what);
    /** From a GDAL spatial reference (cloned); undefined when `srs` is null. */
    static Crs from_ogr(const OGRSpatialReference* srs);
    /** WGS 84 longitude/latitude (EPSG:4326, lon first). */
    static Crs wgs84();

    bool is_defined() const noexcept;
    bool is_geographic() const;
    bool is_projected() const;
    /** Size of one linear unit in metres (projected CRS); 1 otherwise. */
    double linear_unit_in_metres() const;
    /** Short name, e.g. "NAD83 / New York Long Island (ftUS)", or "EPSG:2263" when it has a code. */
    std::string name() const;
    /** "AUTH:CODE" when identified, else empty. */
    std::string authority_code() const;
    /** WKT2 representation (for summaries). */
    std::string wkt() const;
    /** True when both describe the same CRS (ignoring axis-order metadata). */
    bool same_as(const Crs& other) const;

    /** The underlying GDAL object; never null when is_defined(). For io internals. */
    const OGRSpatialReference* ogr() const noexcept;

private:
    SrsPtr m_srs;
};

/** A place on the globe in degrees of longitude and latitude. */
struct LonLat {
    double lon = 0.0;
    double lat = 0.0;
};

/**
 * The projected working CRS in metres in which all areas and lengths are computed:
 * `areas_crs` when it is projected in metres; the same projection with its unit changed to
 * metres when it is projected in another unit (e.g. US feet); a Lambert azimuthal equal-area
 * projection when it is geographic or distorts scale by more than 1 % on the data (Web Mercator).
 * `extent` is in `areas_crs`. The equal-area projection is centred on `centre` (lon/lat on the
 * areas' datum) when given, else on the middle of `extent`: give the centre whenever the data may
 * straddle the antimeridian, where the middle of the extent is the far side of the globe (Fiji in
 * Web Mercator spans x from -20,037,508 to 20,037,508 m, whose middle is longitude 0).
 * Throws InputError when `areas_crs` is undefined.
 */
Crs choose_working_crs(const Crs& areas_crs, const Box& extent, const std::optional<LonLat>& centre = {});

/**
 * Whether choose_working_crs replaces the projected `areas_crs` by an equal-area projection: it
 * distorts scale by more than 1 % over `extent` (Web Mercator does; state planes and UTM zones do
 * not). Only then does the centre matter, so a caller computes it only then.
 */
bool replaced_for_areas(const Crs& areas_crs, const Box& extent);

/**
 * The working CRS of geographic areas that span more than a hemisphere, where an azimuthal
 * projection centred on them tears the shapes near its antipode: Mollweide (equal-area) in metres
 * on the areas' datum, its seam on the meridian opposite `central_meridian` (degrees).
 */
Crs world_equal_area(const Crs& geographic, double central_meridian);

/** Transforms coordinates between two CRSs (PROJ through GDAL). Not thread-safe; one per thread. */
class Transformer {
public:
    /** Throws InputError naming `what` when no transformation exists. Identity when same_as(). */
    Transformer(const Crs& from, const Crs& to, const std::string& what);
    ~Transformer();
    Transformer(Transformer&&) noexcept;
    Transformer& operator=(Transformer&&) noexcept;

    /**
     * Transforms n points in place; `ok[i]` is false where the point could not be transformed
     * (out of the projection's domain, non-finite input); those x/y are left unspecified.
     */
    void transform(std::size_t n, double* x, double* y, bool* ok) const;
    /** Transforms a WKB geometry; throws GeometryError naming `what` when a vertex fails. */
    geom::Wkb transform(const geom::Wkb& wkb, const std::string& what) const;
    /** True when no transformation is needed. */
    bool is_identity() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

}  // namespace locality::io
