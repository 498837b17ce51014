// SPDX-License-Identifier: MIT
#include "locality/io/crs.hpp"

#include <ogr_geometry.h>
#include <ogr_spatialref.h>

#include <cmath>
#include <cstdio>
#include <limits>
#include <vector>

#include "gdal_util.hpp"
#include "locality/core/error.hpp"
#include "locality/io/placeholder_crs.hpp"

namespace locality::io {

void SrsRelease::operator()(OGRSpatialReference* srs) const noexcept {
    if (srs != nullptr) {
        srs->Release();
    }
}

namespace {

SrsPtr clone_traditional(const OGRSpatialReference& srs) {
    SrsPtr copy(srs.Clone());
    copy->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return copy;
}

/** "NAD83 / New York Long Island (ftUS)" -> "NAD83 / New York Long Island (metre)". */
std::string metric_name(const char* name) {
    std::string text = name != nullptr ? name : "unnamed";
    const auto open = text.rfind(" (");
    if (open != std::string::npos && text.back() == ')') {
        const std::string unit = text.substr(open);
        if (unit.find("ft") != std::string::npos || unit.find("foot") != std::string::npos ||
            unit.find("feet") != std::string::npos) {
            text.erase(open);
        }
    }
    return text + " (metre)";
}

constexpr double k_earth_radius_m = 6371008.8;  // mean radius: good to ~0.5 % against the ellipsoid
constexpr double k_degree = 3.14159265358979323846 / 180.0;
// A projection whose scale is off by more than this somewhere on the data is not used for areas
// (Web Mercator is off by 20 % at 34 degrees; state planes and UTM zones by less than 0.1 %).
constexpr double k_max_scale_error = 0.01;

double great_circle_m(double lon1, double lat1, double lon2, double lat2) {
    const double dlat = (lat2 - lat1) * k_degree;
    const double dlon = (lon2 - lon1) * k_degree;
    const double a = std::pow(std::sin(dlat / 2), 2) +
                     std::cos(lat1 * k_degree) * std::cos(lat2 * k_degree) * std::pow(std::sin(dlon / 2), 2);
    return 2.0 * k_earth_radius_m * std::asin(std::min(1.0, std::sqrt(a)));
}

/**
 * Largest relative scale error of a projected CRS over the extent (centre and corners, both axes):
 * a short step in projected metres against the great-circle distance it covers.
 */
double worst_scale_error(const Crs& projected, const Box& extent) {
    SrsPtr geographic(projected.ogr()->CloneGeogCS());
    geographic->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> to_geographic(
        OGRCreateCoordinateTransformation(projected.ogr(), geographic.get()));
    if (!to_geographic || extent.empty()) {
        return 0.0;  // nothing to measure with: trust the CRS
    }
    const double unit = projected.linear_unit_in_metres();
    const double step =
        std::max(1.0, 1e-3 * std::max(extent.max_x - extent.min_x, extent.max_y - extent.min_y));
    const double xs[] = {extent.min_x, 0.5 * (extent.min_x + extent.max_x), extent.max_x};
    const double ys[] = {extent.min_y, 0.5 * (extent.min_y + extent.max_y), extent.max_y};
    double worst = 0.0;
    for (const double x0 : xs) {
        for (const double y0 : ys) {
            double x[3] = {x0, x0 + step, x0};
            double y[3] = {y0, y0, y0 + step};
            int ok[3] = {0, 0, 0};
            if (!to_geographic->Transform(3, x, y, nullptr, ok) || !ok[0] || !ok[1] || !ok[2]) {
                continue;
            }
            for (int i = 1; i < 3; ++i) {
                const double ground = great_circle_m(x[0], y[0], x[i], y[i]);
                if (ground > 0.0) {
                    worst = std::max(worst, std::abs(step * unit / ground - 1.0));
                }
            }
        }
    }
    return worst;
}

/** LAEA in metres on the datum of `base`, centred at (lon, lat). */
Crs local_equal_area(const OGRSpatialReference& base, double lon, double lat) {
    // Built on the input's own datum (not a +datum proj string) so PROJ needs no datum shift
    // pipeline from lon/lat inputs: that keeps point transforms several times faster.
    SrsPtr srs(base.CloneGeogCS());
    srs->SetProjCS("Lambert Azimuthal Equal Area centred on the areas");
    srs->SetLAEA(lat, lon, 0.0, 0.0);
    srs->SetLinearUnits(SRS_UL_METER, 1.0);
    return Crs::from_ogr(srs.get());
}

/** Centre of a projected extent in the CRS's geographic coordinates (lon, lat). */
bool geographic_centre(const Crs& projected, const Box& extent, double& lon, double& lat) {
    SrsPtr geographic(projected.ogr()->CloneGeogCS());
    geographic->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> t(
        OGRCreateCoordinateTransformation(projected.ogr(), geographic.get()));
    lon = 0.5 * (extent.min_x + extent.max_x);
    lat = 0.5 * (extent.min_y + extent.max_y);
    return t && t->Transform(1, &lon, &lat);
}

}  // namespace

Crs::Crs() = default;
Crs::~Crs() = default;
Crs::Crs(const Crs& other) : m_srs(other.m_srs ? clone_traditional(*other.m_srs) : nullptr) {}
Crs& Crs::operator=(const Crs& other) {
    if (this != &other) {
        m_srs = other.m_srs ? clone_traditional(*other.m_srs) : nullptr;
    }
    return *this;
}
Crs::Crs(Crs&&) noexcept = default;
Crs& Crs::operator=(Crs&&) noexcept = default;

Crs Crs::from_user_input(const std::string& text, const std::string& what) {
    detail::GdalErrorScope errors;
    auto srs = SrsPtr(new OGRSpatialReference());
    // No file or network access: a CRS argument is a definition, not a path to fetch.
    if (text.empty() ||
        srs->SetFromUserInput(text.c_str(), OGRSpatialReference::SET_FROM_USER_INPUT_LIMITATIONS_get()) !=
            OGRERR_NONE) {
        throw InputError("cannot understand the CRS '" + text + "' of " + what +
                         ": give e.g. EPSG:4326, a PROJ string or WKT");
    }
    srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    Crs crs;
    crs.m_srs = std::move(srs);
    return crs;
}

Crs Crs::from_ogr(const OGRSpatialReference* srs) {
    Crs crs;
    if (srs != nullptr) {
        crs.m_srs = clone_traditional(*srs);
    }
    return crs;
}

Crs Crs::wgs84() {
    Crs crs;
    crs.m_srs = SrsPtr(new OGRSpatialReference());
    crs.m_srs->SetWellKnownGeogCS("WGS84");
    crs.m_srs->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    return crs;
}

bool Crs::is_defined() const noexcept { return m_srs != nullptr && !m_srs->IsEmpty(); }
bool Crs::is_geographic() const { return is_defined() && m_srs->IsGeographic() != 0; }
bool Crs::is_projected() const { return is_defined() && m_srs->IsProjected() != 0; }

double Crs::linear_unit_in_metres() const { return is_projected() ? m_srs->GetLinearUnits(nullptr) : 1.0; }

std::string Crs::name() const {
    if (!is_defined()) {
        return "undefined";
    }
    const std::string code = authority_code();
    if (!code.empty()) {
        return code;
    }
    const char* name = m_srs->GetName();
    return name != nullptr ? name : "unnamed";
}

std::string Crs::authority_code() const {
    if (!is_defined()) {
        return {};
    }
    const char* authority = m_srs->GetAuthorityName(nullptr);
    const char* code = m_srs->GetAuthorityCode(nullptr);
    if (authority == nullptr || code == nullptr) {
        return {};
    }
    return std::string(authority) + ":" + code;
}

std::string Crs::wkt() const {
    if (!is_defined()) {
        return {};
    }
    const char* const options[] = {"FORMAT=WKT2_2019", "MULTILINE=NO", nullptr};
    std::string out;
    char* text = nullptr;
    if (m_srs->exportToWkt(&text, options) == OGRERR_NONE && text != nullptr) {
        out = text;
    }
    CPLFree(text);
    return out;
}

bool Crs::same_as(const Crs& other) const {
    if (!is_defined() || !other.is_defined()) {
        return is_defined() == other.is_defined();
    }
    const char* const options[] = {"IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES",
                                   "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", nullptr};
    return m_srs->IsSame(other.m_srs.get(), options) != 0;
}

const OGRSpatialReference* Crs::ogr() const noexcept { return m_srs.get(); }

bool replaced_for_areas(const Crs& areas_crs, const Box& extent) {
    if (!areas_crs.is_projected()) {
        return false;
    }
    detail::GdalErrorScope quiet;
    return worst_scale_error(areas_crs, extent) > k_max_scale_error;
}

Crs choose_working_crs(const Crs& areas_crs, const Box& extent, const std::optional<LonLat>& centre) {
    if (!areas_crs.is_defined()) {
        throw InputError(
            "the areas have no coordinate reference system: give the file one (e.g. a .prj beside "
            "the .shp, or ogr2ogr -a_srs EPSG:XXXX)");
    }
    if (areas_crs.is_projected()) {
        detail::GdalErrorScope quiet;
        double lon = 0.0;
        double lat = 0.0;
        if (replaced_for_areas(areas_crs, extent)) {
            // e.g. Web Mercator: fine for tiles, wrong for areas and distances.
            if (centre) {
                return local_equal_area(*areas_crs.ogr(), centre->lon, centre->lat);
            }
            if (geographic_centre(areas_crs, extent, lon, lat)) {
                return local_equal_area(*areas_crs.ogr(), lon, lat);
            }
        }
        const double unit = areas_crs.linear_unit_in_metres();
        if (std::abs(unit - 1.0) < 1e-12) {
            return areas_crs;
        }
        // Same projection, metres: areas and tolerances then mean the same thing for every input.
        detail::GdalErrorScope errors;
        auto srs = clone_traditional(*areas_crs.ogr());
        if (srs->SetLinearUnitsAndUpdateParameters(SRS_UL_METER, 1.0) != OGRERR_NONE) {
            throw InputError("cannot convert the areas CRS " + areas_crs.name() + " to metres: " +
                             errors.last_message() + "; reproject the areas to a metric CRS first");
        }
        // Keep the name from claiming the old unit ("... (ftUS)") in reports and sidecar files.
        srs->SetProjCS(metric_name(areas_crs.ogr()->GetName()).c_str());
        return Crs::from_ogr(srs.get());
    }
    if (areas_crs.is_geographic()) {
        if (extent.empty()) {
            throw InputError(
                "the areas are in geographic coordinates but have no extent to centre a projection on");
        }
        // Equal-area projection centred on the data keeps areas exact and distortion small locally.
        if (centre) {
            return local_equal_area(*areas_crs.ogr(), centre->lon, centre->lat);
        }
        return local_equal_area(*areas_crs.ogr(), 0.5 * (extent.min_x + extent.max_x),
                                0.5 * (extent.min_y + extent.max_y));
    }
    throw InputError("the areas CRS " + areas_crs.name() +
                     " is neither projected nor geographic: reproject the areas to a projected CRS first");
}

bool is_placeholder_crs(const Crs& crs, std::string& why) {
    if (!crs.is_defined()) {
        return false;
    }
    const OGRSpatialReference& srs = *crs.ogr();
    const std::string name = srs.GetName() != nullptr ? srs.GetName() : "";
    if (name.rfind("Undefined", 0) == 0) {
        why = "'" + name + "' (GDAL's mark of a layer written without a CRS)";
        return true;
    }
    if (srs.IsLocal() != 0 || (srs.IsProjected() == 0 && srs.IsGeographic() == 0)) {
        why = "the engineering (local) CRS '" + name + "' (tied to no place on Earth)";
        return true;
    }
    const char* unit = nullptr;
    if (srs.IsProjected() != 0) {
        srs.GetLinearUnits(&unit);
        const std::string unit_name = unit != nullptr ? unit : "";
        if (unit_name.empty() || unit_name == "unknown") {
            why = "the CRS '" + name + "' in unknown units";
            return true;
        }
    }
    return false;
}

Crs world_equal_area(const Crs& geographic, double central_meridian) {
    if (!geographic.is_geographic()) {
        throw InputError("a world-wide working CRS needs geographic areas, not " + geographic.name());
    }
    SrsPtr srs(geographic.ogr()->CloneGeogCS());
    srs->SetProjCS("Mollweide equal-area for areas spanning more than a hemisphere");
    srs->SetMollweide(central_meridian, 0.0, 0.0);
    srs->SetLinearUnits(SRS_UL_METER, 1.0);
    return Crs::from_ogr(srs.get());
}

struct Transformer::Impl {
    std::unique_ptr<OGRCoordinateTransformation> transformation;  // null for identity
    mutable std::vector<int> success;
};

Transformer::Transformer(const Crs& from, const Crs& to, const std::string& what)
    : m_impl(std::make_unique<Impl>()) {
    if (!from.is_defined() || !to.is_defined()) {
        throw InputError(what +
                         ": cannot transform coordinates without a CRS on both sides; give the data a CRS");
    }
    if (from.same_as(to)) {
        return;
    }
    detail::GdalErrorScope errors;
    m_impl->transformation.reset(OGRCreateCoordinateTransformation(from.ogr(), to.ogr()));
    if (!m_impl->transformation) {
        throw InputError(what + ": no transformation from " + from.name() + " to " + to.name() + " (" +
                         errors.last_message() + ")");
    }
}

Transformer::~Transformer() = default;
Transformer::Transformer(Transformer&&) noexcept = default;
Transformer& Transformer::operator=(Transformer&&) noexcept = default;

bool Transformer::is_identity() const noexcept { return !m_impl->transformation; }

void Transformer::transform(std::size_t n, double* x, double* y, bool* ok) const {
    if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
        // GDAL 3.6 counts points in an int; split huge calls.
        const std::size_t half = n / 2;
        transform(half, x, y, ok);
        transform(n - half, x + half, y + half, ok + half);
        return;
    }
    for (std::size_t i = 0; i < n; ++i) {
        ok[i] = std::isfinite(x[i]) && std::isfinite(y[i]);
        if (!ok[i]) {
            // PROJ's reaction to NaN differs between versions; give it a harmless value.
            x[i] = 0.0;
            y[i] = 0.0;
        }
    }
    if (is_identity() || n == 0) {
        return;
    }
    auto& success = m_impl->success;
    success.assign(n, 0);
    {
        // Points outside the projection's domain make PROJ complain; those are counted, not printed.
        detail::GdalErrorScope errors;
        m_impl->transformation->Transform(static_cast<int>(n), x, y, nullptr, success.data());
    }
    for (std::size_t i = 0; i < n; ++i) {
        ok[i] = ok[i] && success[i] != 0 && std::isfinite(x[i]) && std::isfinite(y[i]);
    }
}

geom::Wkb Transformer::transform(const geom::Wkb& wkb, const std::string& what) const {
    if (is_identity()) {
        return wkb;
    }
    detail::GdalErrorScope errors;
    OGRGeometry* raw = nullptr;
    if (OGRGeometryFactory::createFromWkb(wkb.data(), nullptr, &raw, wkb.size()) != OGRERR_NONE ||
        raw == nullptr) {
        throw GeometryError(what + ": malformed geometry (WKB) cannot be reprojected");
    }
    OGRGeometryUniquePtr geometry(raw);
    if (geometry->transform(m_impl->transformation.get()) != OGRERR_NONE) {
        throw GeometryError(what + ": a vertex cannot be transformed to the working CRS (" +
                            errors.last_message() + "); check the input CRS");
    }
    geom::Wkb out(geometry->WkbSize());
    geometry->exportToWkb(wkbNDR, out.data(), wkbVariantIso);
    return out;
}

}  // namespace locality::io
