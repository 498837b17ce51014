// SPDX-License-Identifier: MIT
#include <fmt/format.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>
#include <tbb/task_group.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <set>

#include "agency_key.hpp"
#include "agency_names.hpp"
#include "area_fields.hpp"
#include "case_checks.hpp"
#include "database_overlay.hpp"
#include "inputs.hpp"
#include "localities_stage.hpp"
#include "locality/core/error.hpp"
#include "locality/geom/stray_parts.hpp"
#include "locality/geom/validity.hpp"
#include "locality/io/placeholder_crs.hpp"
#include "memory_budget.hpp"
#include "share_package.hpp"

namespace locality::pipeline {

namespace {

constexpr double k_read_areas = 0.10;
constexpr double k_read_services = 0.10;
constexpr double k_read_cases = 0.65;

std::string id_field_for(const StageOptions& config, const std::string& name) {
    for (const auto& [layer_name, field] : config.service_area_id_fields) {
        if (layer_name == name) {
            return field;
        }
    }
    return {};
}

void read_service_layers(const StageOptions& config, OverlayData& data, const ScaledProgress& progress) {
    const std::size_t count = config.service_areas.size();
    for (std::size_t s = 0; s < count; ++s) {
        const io::TaggedSource& tagged = config.service_areas[s];
        ServiceLayer service;
        service.name = tagged.tag;
        const std::string role = fmt::format("service areas '{}'", tagged.tag);
        service.file = io::describe_source(tagged.source);
        const double at = static_cast<double>(s) / static_cast<double>(count);
        progress.report(at, "reading " + role);
        service.layer =
            io::read_polygon_layer({tagged.source, id_field_for(config, tagged.tag), "", role, false});
        if (!service.layer.crs.is_defined()) {
            throw InputError(
                fmt::format("{} '{}' has no CRS; give the file a CRS (e.g. a .prj) or "
                            "reproject it with ogr2ogr -a_srs",
                            role, service.layer.label));
        }
        // No option overrides a service layer's CRS: the file must declare the right one.
        check_layer_projected_as_degrees(
            service.layer, role,
            "give the file its CRS (restore its crs member, or write a copy with "
            "ogr2ogr -a_srs, e.g. EPSG:3857)");
        service.source_crs = service.layer.crs.name();
        io::reproject(service.layer, data.working);
        std::vector<std::string> dropped;
        repair_layer(service.layer, service.repaired_ids, dropped, role, data.warnings);
        progress.report(at + 0.3 / static_cast<double>(count), "overlaying " + role);
        service.shares = overlay::compute_area_shares(data.areas.geometries, service.layer.geometries);
        data.service_layers.push_back(std::move(service));
        progress.report(static_cast<double>(s + 1) / static_cast<double>(count), "service areas");
    }
}

/** Waits for a task group on the way out, so an exception never leaves a task reading freed data. */
class TaskWaiter {
public:
    explicit TaskWaiter(tbb::task_group& tasks) : m_tasks(tasks) {}
    ~TaskWaiter() {
        try {
            m_tasks.wait();
        } catch (...) {
            // Only reached while another exception is on its way out: that one is the error to report.
        }
    }
    TaskWaiter(const TaskWaiter&) = delete;
    TaskWaiter& operator=(const TaskWaiter&) = delete;

private:
    tbb::task_group& m_tasks;
};

/**
 * Builds the point locator on a TBB task while the caller goes on opening the case sources,
 * setting up their coordinate transformations and parsing the first batch; get() waits for it.
 * The locator does not depend on when it is built, so neither do the counts.
 */
class PendingLocator {
public:
    explicit PendingLocator(const std::vector<geom::Wkb>& areas) {
        m_tasks.run([this, &areas] { m_locator = std::make_unique<overlay::PointLocator>(areas); });
    }
    PendingLocator(const PendingLocator&) = delete;
    PendingLocator& operator=(const PendingLocator&) = delete;

    /** The locator; rethrows what its construction threw. */
    const overlay::PointLocator& get() {
        if (!m_built) {
            m_tasks.wait();  // also the barrier that makes m_locator safe to read here
            m_built = true;
        }
        return *m_locator;
    }

private:
    tbb::task_group m_tasks;
    std::unique_ptr<overlay::PointLocator> m_locator;  // written by the task
    bool m_built = false;                              // read and written by the caller only
    // Last, so destroyed first: without get() (another exception on its way out), the task must end
    // before the locator it writes and the areas it reads go.
    TaskWaiter m_wait{m_tasks};
};

std::int64_t sum(const std::vector<std::int64_t>& values) {
    return std::accumulate(values.begin(), values.end(), std::int64_t{0});
}

/** Reads every case source, counting per area; agencies are sorted by name at the end. */
void read_cases(const StageOptions& config, OverlayData& data, const ScaledProgress& progress) {
    progress.report(0.0, "indexing areas");
    PendingLocator locator(data.areas.geometries);
    io::AgencyRegistry registry;
    overlay::CaseCounts counts(data.areas.ids.size(), 0);
    std::vector<std::int64_t> read;
    std::vector<std::int64_t> unlocated;
    const std::size_t sources = config.cases.size();
    for (std::size_t s = 0; s < sources; ++s) {
        const io::TaggedSource& tagged = config.cases[s];
        io::PointSourceOptions options;
        options.source = tagged.source;
        options.agency = tagged.tag;
        // A source's own options win over the global ones.
        auto own_or = [](const std::string& own, const std::string& global) {
            return own.empty() ? global : own;
        };
        options.agency_field = own_or(tagged.options.agency_field, config.agency_field);
        const bool own_columns = !tagged.options.x_field.empty();
        options.x_field = own_columns ? tagged.options.x_field : config.x_field;
        options.y_field = own_columns ? tagged.options.y_field : config.y_field;
        options.crs = own_or(tagged.options.crs, config.cases_crs);
        CaseSourceRecord record;
        record.file = io::describe_source(tagged.source);
        record.label = tagged.source.label();
        record.agency = tagged.tag;
        const ScaledProgress source_progress(progress.sink(), static_cast<double>(s) / sources,
                                             1.0 / sources);
        const std::int64_t inside_before = sum(counts.assigned);
        const std::int64_t outside_before = sum(counts.outside);
        if (counted_in_database(config, tagged.source)) {
            record.stats = add_database_counts(config, tagged, data.areas, registry, counts);
        } else {
            record.stats = io::read_points(
                options, data.working, registry,
                [&](const io::PointBatch& batch) {
                    if (registry.size() > counts.agency_count) {
                        counts.resize_agencies(registry.size());
                    }
                    counts.add(locator.get(), batch.size(), batch.x.data(), batch.y.data(),
                               batch.agency.data());
                },
                source_progress.sink());
        }
        counts.resize_agencies(registry.size());
        // The CRS the points were read in: a layer's own may differ from |crs= and --cases-crs.
        record.crs = record.stats.crs.is_defined() ? record.stats.crs.name() : std::string();
        record.inside = sum(counts.assigned) - inside_before;
        record.outside = sum(counts.outside) - outside_before;
        read.resize(registry.size(), 0);
        unlocated.resize(registry.size(), 0);
        for (std::size_t a = 0; a < record.stats.read.size(); ++a) {
            read[a] += record.stats.read[a];
            unlocated[a] += record.stats.unlocated[a];
        }
        if (!record.stats.overridden_crs.empty()) {
            const std::string given =
                tagged.options.crs.empty() ? "--cases-crs " + config.cases_crs : "|crs=" + tagged.options.crs;
            data.warnings.push_back(fmt::format("cases '{}': {} overrides the CRS the layer declares ({})",
                                                record.label, given, record.stats.overridden_crs));
        }
        if (record.stats.ragged_rows > 0) {
            data.warnings.push_back(fmt::format(
                "cases '{}': {} row(s) do not have the header's {} fields (first: row {}), counted as "
                "unlocated; quote fields that contain the delimiter",
                record.label, record.stats.ragged_rows, record.stats.header_fields,
                record.stats.first_ragged_row));
        }
        if (record.stats.empty_rows > 0) {
            data.warnings.push_back(fmt::format(
                "cases '{}': {} row(s) have every field empty (first: row {}), skipped: they are no cases",
                record.label, record.stats.empty_rows, record.stats.first_empty_row));
        }
        if (!record.stats.probe_x.empty()) {
            check_projected_as_degrees(record.stats, record.stats.crs, record.label);
            const std::string swapped = check_swapped_columns(record.stats, record.stats.crs, data.working,
                                                              locator.get(), record.label);
            if (!swapped.empty()) {
                data.warnings.push_back(swapped);
                record.swapped_columns = swapped;
            }
            record.stats.probe_x = {};  // case coordinates are held no longer than needed
            record.stats.probe_y = {};
        }
        data.case_sources.push_back(std::move(record));
    }
    locator.get();  // even when no point needed it: a failed build is still an error

    // Sort agencies by name so columns do not depend on the order rows were met.
    const std::vector<std::string>& names = registry.names();
    std::vector<std::size_t> group;  // group[old index]: the output agency a registry agency is counted in
    const AgencyColumns columns = sorted_agency_columns(names, config.merge_agency_spellings, group);
    const std::size_t groups = columns.names.size();

    data.counts = overlay::CaseCounts(counts.zone_count, groups);
    for (std::size_t z = 0; z < counts.zone_count; ++z) {
        for (std::size_t old = 0; old < names.size(); ++old) {
            data.counts.counts[z * groups + group[old]] += counts.at(static_cast<ZoneId>(z), old);
        }
    }
    for (std::size_t g = 0; g < groups; ++g) {
        data.agencies.push_back(AgencyTally{columns.names[g], columns.columns[g], 0, 0, 0, 0, {}});
    }
    for (std::size_t old = 0; old < names.size(); ++old) {
        AgencyTally& tally = data.agencies[group[old]];
        tally.read += read[old];
        tally.assigned += counts.assigned[old];
        tally.outside += counts.outside[old];
        tally.unlocated += unlocated[old];
    }
    for (std::size_t g = 0; g < groups; ++g) {
        const AgencyTally& tally = data.agencies[g];
        data.counts.assigned[g] = tally.assigned;
        data.counts.outside[g] = tally.outside;
        if (tally.read != tally.assigned + tally.outside + tally.unlocated) {
            throw Error(
                fmt::format("internal error: agency '{}' read {} != assigned {} + outside {} + unlocated {}",
                            tally.name, tally.read, tally.assigned, tally.outside, tally.unlocated));
        }
    }
    for (CaseSourceRecord& record : data.case_sources) {
        io::PointReadStats sorted = record.stats;
        sorted.read.assign(groups, 0);
        sorted.unlocated.assign(groups, 0);
        for (std::size_t old = 0; old < record.stats.read.size(); ++old) {
            sorted.read[group[old]] += record.stats.read[old];
            sorted.unlocated[group[old]] += record.stats.unlocated[old];
        }
        record.stats = std::move(sorted);
    }
}

/** One line per kind of problem, naming the agencies concerned; the full accounting is in summary.json. */
void warn_about_cases(OverlayData& data) {
    auto warn = [&data](const char* what, std::int64_t AgencyTally::*member) {
        std::int64_t total = 0;
        std::int64_t read = 0;
        std::string detail;
        for (const AgencyTally& tally : data.agencies) {
            read += tally.read;
            if (tally.*member > 0) {
                total += tally.*member;
                detail += fmt::format("{}{} {}", detail.empty() ? "" : ", ", tally.name, tally.*member);
            }
        }
        if (total > 0) {
            data.warnings.push_back(fmt::format("cases: {} of {} {} ({}; per agency in summary.json)", total,
                                                read, what, detail));
        }
    };
    warn("fall outside every area", &AgencyTally::outside);
    warn("have no usable coordinates", &AgencyTally::unlocated);
}

/** Beyond this angle from their centre, areas are not served by one azimuthal projection. */
constexpr double k_hemisphere_deg = 90.0;
/**
 * Above this share of the features beyond a hemisphere from the centre, the layer is world-wide;
 * below it, those few (Guam and American Samoa among the US counties) are outliers of a layer
 * an azimuthal projection centred on the rest serves well.
 */
constexpr double k_world_share = 0.05;

/** Where areas lie on the globe, to choose the working CRS. */
struct GlobeSpread {
    Box centre;                        ///< zero-size Box at the centre, in lon/lat
    double seam_lon = 180.0;           ///< a meridian in the widest gap between the features' centres
    std::size_t features = 0;          ///< features measured
    std::vector<std::string> far_ids;  ///< features more than a hemisphere from the centre
};

/** A feature's envelope centre in lon/lat degrees, and its index in the layer. */
struct FeatureCentre {
    double lon = 0.0;
    double lat = 0.0;
    std::size_t feature = 0;
};

/**
 * The centre of each feature's envelope in longitude and latitude, leaving out the features that wrap
 * around the globe: wider than 180 degrees of longitude, as a shape across the antimeridian is in
 * lon/lat or in Web Mercator when written in one piece (its x then runs from one edge of the world to
 * the other). A projected layer's centres are taken to lon/lat on WGS 84 (a datum's few metres do not
 * move a projection's centre); features whose envelope cannot be transformed are left out.
 */
std::vector<FeatureCentre> feature_centres_in_lonlat(const io::PolygonLayer& layer) {
    if (!layer.crs.is_geographic() && !layer.crs.is_projected()) {
        return {};  // choose_working_crs names what is missing
    }
    geom::GeosContext ctx;
    std::optional<io::Transformer> to_lonlat;
    if (layer.crs.is_projected()) {
        to_lonlat.emplace(layer.crs, io::Crs::wgs84(), layer.label);
    }
    std::vector<FeatureCentre> centres;
    for (std::size_t i = 0; i < layer.geometries.size(); ++i) {
        const Box b = geom::envelope(ctx, geom::from_wkb(ctx, layer.geometries[i]).get());
        if (b.empty()) {
            continue;
        }
        // West edge, east edge and centre, at the envelope's middle latitude.
        const double mid_y = 0.5 * (b.min_y + b.max_y);
        double x[3] = {b.min_x, b.max_x, 0.5 * (b.min_x + b.max_x)};
        double y[3] = {mid_y, mid_y, mid_y};
        if (to_lonlat) {
            bool ok[3] = {false, false, false};
            to_lonlat->transform(3, x, y, ok);
            if (!ok[0] || !ok[1] || !ok[2]) {
                continue;
            }
        }
        if (std::abs(x[1] - x[0]) > 180.0) {
            continue;
        }
        centres.push_back(FeatureCentre{x[2], y[2], i});
    }
    return centres;
}

/**
 * Where to centre a projection for the areas: the mean, on the unit sphere, of the features'
 * envelope centres in lon/lat (feature_centres_in_lonlat), whatever the areas' CRS. Unlike the
 * centre of the layer's extent it stays on the data when the layer straddles the antimeridian (the
 * US counties reach 179.8 E through the Aleutians, so their extent is centred near 0 degrees of
 * longitude; Fiji in Web Mercator spans the whole width of the projection). Also how far the
 * features reach from it, and where a world-wide projection's seam cuts least: the middle of the
 * widest gap between their longitudes, or the antimeridian itself when that gap spans it (world
 * layers are cut there already). No feature measured: `features` is 0 and `centre` empty.
 */
GlobeSpread globe_spread(const io::PolygonLayer& layer) {
    constexpr double k_degree = 3.14159265358979323846 / 180.0;
    std::vector<std::pair<double, double>> centres;  // lon, lat in radians
    std::vector<std::size_t> feature_of;             // index in the layer of each centre
    double sx = 0.0;
    double sy = 0.0;
    double sz = 0.0;
    for (const FeatureCentre& c : feature_centres_in_lonlat(layer)) {
        const double lon = c.lon * k_degree;
        const double lat = c.lat * k_degree;
        centres.emplace_back(lon, lat);
        feature_of.push_back(c.feature);
        sx += std::cos(lat) * std::cos(lon);
        sy += std::cos(lat) * std::sin(lon);
        sz += std::sin(lat);
    }
    GlobeSpread out;
    const double norm = std::sqrt(sx * sx + sy * sy + sz * sz);
    if (!(norm > 0.0)) {
        return out;
    }
    const double lon0 = std::atan2(sy, sx);
    const double lat0 = std::asin(sz / norm);
    out.centre = Box{lon0 / k_degree, lat0 / k_degree, lon0 / k_degree, lat0 / k_degree};
    std::vector<double> lons;
    out.features = centres.size();
    for (std::size_t c = 0; c < centres.size(); ++c) {
        const auto [lon, lat] = centres[c];
        const double cos_angle =
            std::sin(lat) * std::sin(lat0) + std::cos(lat) * std::cos(lat0) * std::cos(lon - lon0);
        if (std::acos(std::clamp(cos_angle, -1.0, 1.0)) / k_degree > k_hemisphere_deg) {
            out.far_ids.push_back(feature_of[c] < layer.ids.size() ? layer.ids[feature_of[c]]
                                                                   : std::string());
        }
        lons.push_back(lon / k_degree);
    }
    std::sort(lons.begin(), lons.end());
    double widest = lons.front() + 360.0 - lons.back();  // the gap across the antimeridian
    for (std::size_t i = 1; i < lons.size(); ++i) {
        if (lons[i] - lons[i - 1] > widest) {
            widest = lons[i] - lons[i - 1];
            out.seam_lon = 0.5 * (lons[i] + lons[i - 1]);
        }
    }
    return out;
}

/**
 * Drops the areas' stray parts (geom::drop_stray_parts) so that contiguity, the dissolved localities,
 * the map and every extent are those of the areas' real bodies; lists the areas and warns.
 */
void drop_stray_area_parts(OverlayData& data, double tolerance) {
    geom::GeosContext ctx;
    bool extent_changed = false;
    for (std::size_t i = 0; i < data.areas.ids.size(); ++i) {
        std::size_t dropped = 0;
        const geom::GeomPtr kept = geom::drop_stray_parts(
            ctx, geom::from_wkb(ctx, data.areas.geometries[i]).get(), tolerance, dropped);
        if (dropped > 0) {
            data.areas.geometries[i] = geom::to_wkb(ctx, kept.get());
            extent_changed = true;
            data.stray_part_area_ids.push_back(data.areas.ids[i]);
            data.stray_parts_dropped += dropped;
        }
    }
    if (extent_changed) {
        Box extent;  // the map's scale and every later check follow the areas' real extent
        for (const geom::Wkb& wkb : data.areas.geometries) {
            extent.expand(geom::envelope(ctx, geom::from_wkb(ctx, wkb).get()));
        }
        data.areas.extent = extent;
    }
    if (data.stray_parts_dropped > 0) {
        data.warnings.push_back(
            fmt::format("areas: {} stray part(s) of {} area(s) dropped: each smaller than the tolerance "
                        "squared ({} m²) and "
                        "farther than the tolerance from its area's main body (listed in summary.json as "
                        "areas.stray_parts)",
                        data.stray_parts_dropped, data.stray_part_area_ids.size(), tolerance * tolerance));
    }
}

/**
 * Areas without a CRS (regionalize only): contiguity and shapes in the layer's own units, as GeoDa,
 * spopt and spdep do. The default tolerance of 1 (metre) means nothing in unknown units, so it is
 * scaled to the layer: a millionth of the larger side of its extent; any other --tolerance is taken
 * in the layer's units.
 */
void work_in_own_units(OverlayData& data, double tolerance_option) {
    constexpr double k_default_tolerance_m = 1.0;  // --tolerance's default (cli/common_options.cpp)
    const Box& e = data.areas.extent;
    const double side = e.empty() ? 0.0 : std::max(e.max_x - e.min_x, e.max_y - e.min_y);
    std::string tolerance_text;
    if (tolerance_option == k_default_tolerance_m && side > 0.0) {
        data.tolerance = k_unknown_units_tolerance * side;
        tolerance_text = fmt::format(
            "the contiguity tolerance is scaled to the layer: {:g} units (a millionth of "
            "its extent; give --tolerance in the layer's units to choose another)",
            data.tolerance);
    } else {
        tolerance_text = fmt::format("--tolerance {:g} is taken in the layer's units", data.tolerance);
    }
    data.warnings.push_back(fmt::format(
        "areas '{}' have no CRS: contiguity, shapes and sizes are worked in the layer's own units (area_km2 "
        "is "
        "its square units / 1,000,000), the outputs carry no CRS and localities.geojson holds those "
        "coordinates, not longitude and latitude; {}; give --areas-crs for real-world units",
        data.areas.label, tolerance_text));
}

/** The working CRS of the areas (decision 0001), with a warning when the extent is world-wide. */
io::Crs working_crs_of(const io::PolygonLayer& areas, std::vector<std::string>& warnings) {
    const auto centre_of = [](const GlobeSpread& spread) {
        return spread.features > 0
                   ? std::optional<io::LonLat>(io::LonLat{spread.centre.min_x, spread.centre.min_y})
                   : std::nullopt;
    };
    if (!areas.crs.is_geographic()) {
        // A projection that distorts areas (Web Mercator) is replaced by an equal-area one centred on
        // the features in lon/lat: across the antimeridian the middle of the projected extent is the
        // far side of the globe. Other projections are kept, and need no pass over every feature.
        return io::choose_working_crs(
            areas.crs, areas.extent,
            io::replaced_for_areas(areas.crs, areas.extent) ? centre_of(globe_spread(areas)) : std::nullopt);
    }
    const GlobeSpread spread = globe_spread(areas);
    const std::optional<io::LonLat> centre = centre_of(spread);
    const std::size_t far = spread.far_ids.size();
    if (static_cast<double>(far) <= k_world_share * static_cast<double>(spread.features)) {
        if (far > 0) {
            warnings.push_back(fmt::format(
                "areas '{}': {} area(s) lie more than a hemisphere from the others' centre ('{}'{}): the "
                "equal-area projection centred on the areas keeps their size but distorts their shape",
                areas.label, far, spread.far_ids.front(),
                far > 1 ? fmt::format(" and {} more", far - 1) : ""));
        }
        return io::choose_working_crs(areas.crs, areas.extent, centre);
    }
    const double central = spread.seam_lon > 0.0 ? spread.seam_lon - 180.0 : spread.seam_lon + 180.0;
    warnings.push_back(fmt::format(
        "areas '{}': {} of {} areas lie more than a hemisphere from their centre: no projection serves such "
        "an "
        "extent well; working in a world-wide equal-area projection (Mollweide, central meridian {:.1f}), "
        "where "
        "areas are exact but shapes far from the centre are sheared, and areas that cross the meridian "
        "{:.1f} "
        "are cut there; for shapes and distances that hold everywhere, run each region of the world apart",
        areas.label, far, spread.features, central, spread.seam_lon));
    return io::world_equal_area(areas.crs, central);
}

}  // namespace

void repair_layer(io::PolygonLayer& layer, std::vector<std::string>& repaired,
                  std::vector<std::string>& dropped, const std::string& role,
                  std::vector<std::string>& warnings) {
    geom::GeosContext ctx;
    std::vector<std::size_t> keep;
    keep.reserve(layer.ids.size());
    for (std::size_t i = 0; i < layer.ids.size(); ++i) {
        geom::RepairOutcome outcome = geom::RepairOutcome::valid;
        std::string reason;
        geom::GeomPtr fixed =
            geom::make_valid_polygonal(ctx, geom::from_wkb(ctx, layer.geometries[i]), outcome, &reason);
        if (outcome == geom::RepairOutcome::emptied) {
            dropped.push_back(layer.ids[i]);
            warnings.push_back(
                fmt::format("{} '{}': feature '{}' has an invalid geometry ({}) with nothing "
                            "polygonal left after repair; it is left out",
                            role, layer.label, layer.ids[i], reason));
            continue;
        }
        if (outcome == geom::RepairOutcome::repaired) {
            repaired.push_back(layer.ids[i]);
            layer.geometries[i] = geom::to_wkb(ctx, fixed.get());
        }
        keep.push_back(i);
    }
    if (keep.size() == layer.ids.size()) {
        return;
    }
    auto compact = [&keep](auto& v) {
        if (v.empty()) {
            return;
        }
        std::size_t out = 0;
        for (const std::size_t i : keep) {
            v[out++] = std::move(v[i]);
        }
        v.resize(out);
    };
    compact(layer.ids);
    compact(layer.geometries);
    compact(layer.values);
    compact(layer.names);
    for (std::vector<double>& column : layer.extra_values) {
        compact(column);
    }
}

double OverlayData::total_population() const {
    return std::accumulate(areas.values.begin(), areas.values.end(), 0.0);
}

AgencyColumns agency_columns(const std::vector<std::string>& names, bool merge) {
    AgencyColumns out;
    std::map<std::string, std::size_t> group_of_key;
    for (const std::string& name : names) {
        const auto [at, fresh] = group_of_key.emplace(agency_key(name), out.names.size());
        if (fresh) {
            out.names.push_back(name);
            out.columns.push_back("cases_" + agency_slug(name));
        } else if (!merge) {
            throw InputError(
                fmt::format("cases: agencies '{}' and '{}' differ only in case or punctuation and "
                            "would both be column {}: spell them alike (AGENCY= or the agency "
                            "field), or give --agency-spellings merge to count them as one",
                            out.names[at->second], name, out.columns[at->second]));
        }
        out.group_of.push_back(at->second);
    }
    // Different agencies whose ASCII columns coincide ("Αστυνομία" and "Πυροσβεστική" are both
    // "agency"): each name with letters the column cannot write gets a hash of its name, so that its
    // column stays the same whatever the other agencies of the run.
    std::map<std::string, std::size_t> sharing;
    for (const std::string& column : out.columns) {
        ++sharing[column];
    }
    for (std::size_t a = 0; a < out.columns.size(); ++a) {
        if (sharing[out.columns[a]] > 1 && has_letters_beyond_ascii(out.names[a])) {
            out.columns[a] += "_" + short_text_hash(agency_key(out.names[a]));
        }
    }
    std::map<std::string, std::size_t> column_of;
    for (std::size_t a = 0; a < out.columns.size(); ++a) {
        const auto [at, fresh] = column_of.emplace(out.columns[a], a);
        if (!fresh) {
            throw InputError(fmt::format(
                "cases: agencies '{}' and '{}' would both be column {}: rename one (AGENCY= or the agency "
                "field)",
                out.names[at->second], out.names[a], out.columns[a]));
        }
    }
    // cases_total (and rate_total) hold every agency's sum: an agency written "Total" would be a
    // second column of that name, which GDAL refuses only when the whole run is over.
    for (std::size_t a = 0; a < out.columns.size(); ++a) {
        if (out.columns[a] == "cases_total") {
            throw InputError(fmt::format(
                "cases: agency '{}' would be column cases_total, which holds the total of every agency: "
                "rename it (AGENCY= or the agency field)",
                out.names[a]));
        }
    }
    return out;
}

AgencyColumns sorted_agency_columns(const std::vector<std::string>& names, bool merge,
                                    std::vector<std::size_t>& group) {
    std::vector<std::size_t> order(names.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return names[a] < names[b]; });
    std::vector<std::string> sorted_names;
    for (const std::size_t a : order) {
        sorted_names.push_back(names[a]);
    }
    AgencyColumns columns = agency_columns(sorted_names, merge);
    group.assign(names.size(), 0);
    for (std::size_t a = 0; a < order.size(); ++a) {
        group[order[a]] = columns.group_of[a];
    }
    return columns;
}

void check_config(const StageOptions& config, bool clustering) {
    if (config.area_id_field.empty()) {
        throw UsageError("--area-id is required: name the field that identifies each small area");
    }
    if (config.cases.empty() && config.counts_packages.empty()) {
        throw UsageError(clustering ? "at least one --cases source or --counts package is required"
                                    : "at least one --cases source is required");
    }
    for (const io::TaggedSource& source : config.cases) {
        if (source.tag.empty() && config.agency_field.empty() && source.options.agency_field.empty()) {
            throw UsageError(
                fmt::format("--cases '{}' has no agency: write AGENCY={}, add |agency_field=FIELD or "
                            "give --agency-field",
                            source.source.label(), source.source.label()));
        }
    }
    std::set<std::string> names;
    for (const io::TaggedSource& source : config.service_areas) {
        if (source.tag.empty()) {
            throw UsageError(fmt::format("--service-areas '{}' needs a name: write NAME={}",
                                         source.source.label(), source.source.label()));
        }
        if (!names.insert(source.tag).second) {
            throw UsageError(fmt::format("--service-areas name '{}' is given twice", source.tag));
        }
    }
    if (!config.period.empty() && config.share_dir.empty()) {
        throw UsageError("--period states what a counts package covers: give it with --share DIR");
    }
    if ((config.x_field.empty()) != (config.y_field.empty())) {
        throw UsageError("--x-field and --y-field go together: give both or neither");
    }
    if (!(config.tolerance_m >= 0.0)) {
        throw UsageError("--tolerance must be a distance in metres >= 0");
    }
    if (clustering) {
        check_cluster_options(config);
    }
}

namespace {

/** Threads the run can use: the arena's size ignores --threads (a tbb::global_control), so the smaller. */
std::size_t worker_threads() {
    return std::min(static_cast<std::size_t>(tbb::this_task_arena::max_concurrency()),
                    tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

}  // namespace

OverlayData load_areas(const StageOptions& config, const ProgressSink& progress, bool crs_optional) {
    OverlayData data;
    const ScaledProgress area_progress(progress, 0.0, k_read_areas);
    area_progress.report(0.0, "reading areas");
    data.areas_file = io::describe_source(config.areas);
    data.area_fields = requested_area_fields(config);
    data.areas = io::read_polygon_layer(
        {config.areas, config.area_id_field, config.population_field, "areas", true, config.area_name_field},
        data.area_fields, ScaledProgress(progress, 0.0, 0.7 * k_read_areas).sink());
    std::string placeholder;
    if (!config.areas_crs.empty()) {
        // --areas-crs wins over whatever the file declares: the analyst knows what the numbers are.
        const io::Crs given = io::Crs::from_user_input(config.areas_crs, "--areas-crs");
        if (data.areas.crs.is_defined() && !data.areas.crs.same_as(given)) {
            data.warnings.push_back(
                fmt::format("areas '{}': --areas-crs {} overrides the CRS the file declares ({})",
                            data.areas.label, config.areas_crs, data.areas.crs.name()));
        }
        data.areas.crs = given;
    } else if (io::is_placeholder_crs(data.areas.crs, placeholder)) {
        if (!crs_optional) {
            throw InputError(
                fmt::format("areas '{}' declare {} instead of a real CRS; give the real one with "
                            "--areas-crs (e.g. EPSG:4326 or the layer's projection)",
                            data.areas.label, placeholder));
        }
        data.warnings.push_back(fmt::format("areas '{}' declare {}: read as a layer without a CRS",
                                            data.areas.label, placeholder));
        data.areas.crs = io::Crs();
    }
    if (!data.areas.crs.is_defined() && !crs_optional) {
        throw InputError(
            fmt::format("areas '{}' have no CRS; give it with --areas-crs (e.g. EPSG:4326) or "
                        "give the file one (a .prj, or ogr2ogr -a_srs)",
                        data.areas.label));
    }
    data.areas_source_crs = data.areas.crs.name();
    data.tolerance = config.tolerance_m;
    if (data.areas.crs.is_defined()) {
        check_layer_projected_as_degrees(
            data.areas, "areas",
            config.areas_crs.empty()
                ? "give their CRS with --areas-crs (e.g. --areas-crs EPSG:3857)"
                : "--areas-crs " + config.areas_crs + " is geographic: give the layer's projected CRS");
        data.working = working_crs_of(data.areas, data.warnings);
        io::reproject(data.areas, data.working);
    } else {
        work_in_own_units(data, config.tolerance_m);
    }
    area_progress.report(0.8, "checking area geometries");
    repair_layer(data.areas, data.repaired_area_ids, data.dropped_area_ids, "areas", data.warnings);
    if (data.areas.ids.empty()) {
        throw InputError(fmt::format("areas '{}': no usable polygon", data.areas.label));
    }
    drop_stray_area_parts(data, data.tolerance);
    if (!data.repaired_area_ids.empty()) {
        data.warnings.push_back(
            fmt::format("areas: {} invalid polygon(s) repaired with GEOS make-valid (listed in summary.json)",
                        data.repaired_area_ids.size()));
    }
    if (!data.areas.empty_geometry_ids.empty()) {
        // Also what a truncated shapefile gives: the records past the cut have no geometry. A point or
        // line mixed into the layer, or a polygon collapsed to nothing, is no area either: said so, since
        // "without a geometry" sent users looking for a null that QGIS does not show.
        data.warnings.push_back(
            fmt::format("areas: {} feature(s) without a polygon (no geometry, an empty one, or only points "
                        "or lines) are left out with their population (listed in summary.json as "
                        "skipped_ids)",
                        data.areas.empty_geometry_ids.size()));
    }
    if (!data.areas.null_value_ids.empty()) {
        data.warnings.push_back(
            fmt::format("areas: {} area(s) have a null population, counted as 0 (listed in "
                        "summary.json)",
                        data.areas.null_value_ids.size()));
    }
    // Refused before the heavy stages when the areas alone promise more than the budget.
    check_memory_budget(estimate_memory(data.areas, worker_threads(), 1), config.max_memory_bytes);
    area_progress.report(1.0, "checking area geometries");
    data.counts = overlay::CaseCounts(data.areas.ids.size(), 0);
    return data;
}

OverlayData load_and_overlay(const StageOptions& config, const ProgressSink& progress) {
    const AgencyNames agency_names = read_agency_names(config.agency_names_file);  // a bad file fails first
    OverlayData data = load_areas(config, progress);
    // The coverage check (a union of every area) runs beside the reading of service areas and cases,
    // which only read the areas too; its warning goes first, as if it had run before them.
    const std::size_t coverage_warning_at = data.warnings.size();
    tbb::task_group coverage_task;
    const TaskWaiter coverage_wait(coverage_task);
    coverage_task.run([&data] { data.coverage = measure_coverage(data.areas.geometries, data.areas.ids); });

    read_service_layers(config, data, ScaledProgress(progress, k_read_areas, k_read_services));
    if (!config.cases.empty()) {
        read_cases(config, data, ScaledProgress(progress, k_read_areas + k_read_services, k_read_cases));
    }
    add_shared_counts(config, data);  // propose --counts: agencies that came as counts packages
    check_case_losses(data);
    warn_about_cases(data);
    apply_agency_names(agency_names, config.agency_names_file, data);
    data.released = read_released_runs(config, data);  // refused before any costly stage
    coverage_task.wait();
    if (const std::string warning = coverage_warning(data.coverage); !warning.empty()) {
        data.warnings.insert(data.warnings.begin() + static_cast<std::ptrdiff_t>(coverage_warning_at),
                             warning);
    }
    check_memory_budget(estimate_memory(data.areas, worker_threads(), data.agencies.size()),
                        config.max_memory_bytes);
    ScaledProgress(progress, 0.0, 1.0).report(1.0, "overlay");
    return data;
}

void check_area_coverage(OverlayData& data) {
    data.coverage = measure_coverage(data.areas.geometries, data.areas.ids);
    if (const std::string warning = coverage_warning(data.coverage); !warning.empty()) {
        data.warnings.push_back(warning);
    }
}

}  // namespace locality::pipeline
