// SPDX-License-Identifier: MIT
#include "pipeline_truth.hpp"

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <numeric>
#include <stdexcept>

#include "fixtures.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::test {

namespace {

/** Plain union-find over 0..n-1, enough for counting components. */
class DisjointSets {
public:
    explicit DisjointSets(std::size_t n) : m_parent(n) { std::iota(m_parent.begin(), m_parent.end(), 0); }
    std::size_t find(std::size_t x) {
        while (m_parent[x] != x) {
            m_parent[x] = m_parent[m_parent[x]];
            x = m_parent[x];
        }
        return x;
    }
    void join(std::size_t a, std::size_t b) { m_parent[find(a)] = find(b); }

private:
    std::vector<std::size_t> m_parent;
};

/** Text spans that are the values of "coordinates" members. */
std::vector<std::string> coordinate_spans(const std::string& text) {
    std::vector<std::string> spans;
    const std::string key = "\"coordinates\"";
    for (std::size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + 1)) {
        const std::size_t open = text.find('[', at);
        if (open == std::string::npos) {
            break;
        }
        int depth = 0;
        std::size_t end = open;
        for (; end < text.size(); ++end) {
            depth += text[end] == '[' ? 1 : text[end] == ']' ? -1 : 0;
            if (depth == 0) {
                break;
            }
        }
        spans.push_back(text.substr(open, end - open + 1));
        at = end;
    }
    return spans;
}

}  // namespace

double polygonal_area(const OGRGeometry& geometry) {
    switch (wkbFlatten(geometry.getGeometryType())) {
        case wkbPolygon:
            return geometry.toPolygon()->get_Area();
        case wkbMultiPolygon:
            return geometry.toMultiPolygon()->get_Area();
        default:
            return 0.0;
    }
}

TruthAreas read_truth_areas(const std::string& path, const std::string& layer, const std::string& id_field,
                            const std::string& population_field) {
    GDALDatasetUniquePtr ds = open_vector(path);
    OGRLayer* lyr = &layer_of(*ds, layer, path);
    TruthAreas out;
    for (const auto& feature : *lyr) {
        const std::string id = feature->GetFieldAsString(id_field.c_str());
        out.index_of[id] = out.ids.size();
        out.ids.push_back(id);
        double pop = 0.0;
        if (!population_field.empty()) {
            const int field = feature->GetFieldIndex(population_field.c_str());
            pop = feature->IsFieldSetAndNotNull(field) ? feature->GetFieldAsDouble(field) : 0.0;
        }
        out.population.push_back(pop);
        OGRGeometryUniquePtr geometry(feature->StealGeometry());
        out.total_area += geometry ? polygonal_area(*geometry) : 0.0;
        out.geometries.push_back(std::move(geometry));
    }
    return out;
}

void write_subset_gpkg(const std::string& source, const std::string& layer, const std::string& where,
                       const std::string& destination) {
    GDALDatasetUniquePtr src = open_vector(source);
    OGRLayer* lyr = &layer_of(*src, layer, source);
    lyr->SetAttributeFilter(where.c_str());
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("GPKG");
    GDALDatasetUniquePtr dst(driver->Create(destination.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!dst || dst->CopyLayer(lyr, layer.c_str()) == nullptr) {
        throw std::runtime_error("test truth: cannot write " + destination);
    }
}

std::string write_manhattan_tracts(const std::string& destination) {
    write_subset_gpkg(data_path("demo/nyc_demo.gpkg"), "tract", "borough_name = 'Manhattan'", destination);
    return destination;
}

std::vector<CaseRow> read_case_rows(const std::string& csv_path, const std::string& agency_field) {
    const char* const options[] = {"X_POSSIBLE_NAMES=Longitude", "Y_POSSIBLE_NAMES=Latitude", nullptr};
    GDALDatasetUniquePtr ds = open_vector(csv_path, options);
    std::vector<CaseRow> rows;
    for (const auto& feature : *ds->GetLayer(0)) {
        CaseRow row;
        row.agency = feature->GetFieldAsString(agency_field.c_str());
        row.lon_text = feature->GetFieldAsString("Longitude");
        row.lat_text = feature->GetFieldAsString("Latitude");
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g != nullptr && !g->IsEmpty() && wkbFlatten(g->getGeometryType()) == wkbPoint) {
            row.has_point = true;
            row.lon = g->toPoint()->getX();
            row.lat = g->toPoint()->getY();
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

OgrLocation locate_with_ogr(const std::string& path, const std::string& layer,
                            const std::vector<CaseRow>& rows) {
    GDALDatasetUniquePtr ds = open_vector(path);
    OGRLayer* lyr = &layer_of(*ds, layer, path);
    // FID order is the order read_truth_areas (and the library) read the layer in.
    std::map<GIntBig, long> position;
    long next = 0;
    for (const auto& feature : *lyr) {
        position[feature->GetFID()] = next++;
    }
    const OGRSpatialReference wgs84 = gis_order_srs(4326);
    std::unique_ptr<OGRSpatialReference> target(lyr->GetSpatialRef()->Clone());
    target->SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(&wgs84, target.get()));
    OgrLocation out;
    for (const CaseRow& row : rows) {
        long found = -1;
        if (row.has_point) {
            double x = row.lon;
            double y = row.lat;
            if (ct && ct->Transform(1, &x, &y)) {
                OGRPoint point(x, y);
                lyr->SetSpatialFilter(&point);
                std::size_t hits = 0;
                for (const auto& feature : *lyr) {
                    const OGRGeometry* g = feature->GetGeometryRef();
                    if (g != nullptr && g->Intersects(&point)) {
                        const long at = position.at(feature->GetFID());
                        found = (found < 0 || at < found) ? at : found;
                        ++hits;
                    }
                }
                out.ties += hits > 1 ? 1 : 0;
            }
        }
        out.area_of.push_back(found);
    }
    lyr->SetSpatialFilter(nullptr);
    return out;
}

std::vector<std::pair<std::size_t, std::size_t>> near_pairs(const TruthAreas& areas, double distance) {
    geom::GeosContext ctx;
    const std::size_t n = areas.geometries.size();
    std::vector<geom::GeomPtr> shapes;
    std::vector<OGREnvelope> boxes(n);
    for (std::size_t i = 0; i < n; ++i) {
        shapes.push_back(geom::check(ctx, areas.geometries[i]->exportToGEOS(ctx.handle())));
        areas.geometries[i]->getEnvelope(&boxes[i]);
    }
    // Sweep over envelopes sorted by min x: only boxes overlapping after a `distance` buffer are measured.
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(),
              [&](std::size_t a, std::size_t b) { return boxes[a].MinX < boxes[b].MinX; });
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t oi = 0; oi < n; ++oi) {
        const std::size_t i = order[oi];
        const geom::PreparedPtr prepared = geom::prepare(ctx, shapes[i].get());
        for (std::size_t oj = oi + 1; oj < n && boxes[order[oj]].MinX <= boxes[i].MaxX + distance; ++oj) {
            const std::size_t j = order[oj];
            if (boxes[j].MinY > boxes[i].MaxY + distance || boxes[j].MaxY < boxes[i].MinY - distance) {
                continue;
            }
            if (GEOSPreparedDistanceWithin_r(ctx.handle(), prepared.get(), shapes[j].get(), distance) == 1) {
                pairs.emplace_back(std::min(i, j), std::max(i, j));
            }
        }
    }
    return pairs;
}

std::size_t component_count(const std::vector<std::size_t>& members,
                            const std::vector<std::pair<std::size_t, std::size_t>>& edges) {
    std::map<std::size_t, std::size_t> local;
    for (const std::size_t m : members) {
        local.emplace(m, local.size());
    }
    DisjointSets sets(local.size());
    for (const auto& [a, b] : edges) {
        const auto ia = local.find(a);
        const auto ib = local.find(b);
        if (ia != local.end() && ib != local.end()) {
            sets.join(ia->second, ib->second);
        }
    }
    std::size_t roots = 0;
    for (std::size_t i = 0; i < local.size(); ++i) {
        roots += sets.find(i) == i ? 1 : 0;
    }
    return roots;
}

std::vector<std::string> numeric_tokens(const std::string& text) {
    std::vector<std::string> tokens;
    std::size_t i = 0;
    while (i < text.size()) {
        const bool starts = std::isdigit(static_cast<unsigned char>(text[i])) != 0 ||
                            (text[i] == '-' && i + 1 < text.size() &&
                             std::isdigit(static_cast<unsigned char>(text[i + 1])) != 0);
        if (!starts) {
            ++i;
            continue;
        }
        std::size_t end = i + 1;
        while (end < text.size() &&
               (std::isdigit(static_cast<unsigned char>(text[end])) != 0 || text[end] == '.' ||
                text[end] == 'e' || text[end] == 'E' ||
                ((text[end] == '-' || text[end] == '+') && (text[end - 1] == 'e' || text[end - 1] == 'E')))) {
            ++end;
        }
        tokens.push_back(text.substr(i, end - i));
        i = end;
    }
    return tokens;
}

int max_coordinate_decimals(const std::string& geojson_text) {
    int most = 0;
    for (const std::string& span : coordinate_spans(geojson_text)) {
        for (const std::string& token : numeric_tokens(span)) {
            const std::size_t point = token.find('.');
            if (point != std::string::npos) {
                const std::size_t exponent = token.find_first_of("eE", point);
                const std::size_t end = exponent == std::string::npos ? token.size() : exponent;
                most = std::max(most, static_cast<int>(end - point - 1));
            }
        }
    }
    return most;
}

std::vector<std::pair<std::string, std::string>> coordinate_pairs(const std::string& geojson_text) {
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const std::string& span : coordinate_spans(geojson_text)) {
        const std::vector<std::string> tokens = numeric_tokens(span);
        for (std::size_t i = 0; i + 1 < tokens.size(); i += 2) {
            pairs.emplace_back(tokens[i], tokens[i + 1]);
        }
    }
    return pairs;
}

}  // namespace locality::test
