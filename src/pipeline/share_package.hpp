// SPDX-License-Identifier: MIT
// Internal to the pipeline: sharing counts, not cases (docs/data-sharing.md). `overlay --share` writes
// one package per agency (counts.csv + manifest.json); `propose --counts` reads them back as agencies.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "inputs.hpp"
#include "locality/output/output_set.hpp"

namespace locality::pipeline {

struct ClusterGround;

/** The manifest's `format`: bumped whenever a key is added, removed or changes meaning. */
inline constexpr const char* k_share_format = "locality-share/1";

/**
 * Grid, in the working CRS's units (metres), on which area geometries are snapped before they are
 * hashed: far below any boundary change that moves a case, far above the last-bit differences
 * between a layer read from GeoJSON and from GeoPackage.
 */
inline constexpr double k_identity_grid = 0.1;

/** What identifies the area layer a package was counted on. */
struct AreaLayerIdentity {
    std::string name;      ///< file name (no folder) and layer, e.g. "nyc_demo.gpkg|layername=tract"
    std::string id_field;  ///< --area-id
    std::size_t features = 0;
    std::string hash;  ///< "sha256:" + hex of the sorted ids and canonical geometries
};

/**
 * SHA-256 of the areas sorted by id, each its id and its canonical WKB (geom::canonical_wkb on
 * k_identity_grid) in the working CRS, so that the same layer read from any format gives the same hash.
 */
AreaLayerIdentity area_layer_identity(const StageOptions& config, const OverlayData& data);

/** The value a withheld count (somewhere in [1, threshold - 1]) is clustered on: the midpoint, rounded down.
 */
std::int64_t imputed_withheld(std::int64_t threshold);

/**
 * overlay --share DIR: the packages of one run, `DIR/<agency>/counts.csv` and `manifest.json`.
 * stage() writes them to temporary names (refusing existing files without --overwrite) and returns
 * summary.json's `share`; commit() renames them into place, once the run's other outputs are.
 */
class SharePackages {
public:
    /** Nothing to write when `config.share_dir` is empty. */
    nlohmann::ordered_json stage(const StageOptions& config, const OverlayData& data);
    void commit();

private:
    std::vector<std::unique_ptr<output::OutputSet>> m_sets;
};

/**
 * propose --counts: reads every package of `config.counts_packages`, checks each against the areas
 * (identity, ids) and the others (one agency and period once), and adds their agencies to `data`
 * (sorted with those of --cases), the withheld counts imputed; fills `data.shared`. InputError naming
 * the package on any mismatch.
 */
void add_shared_counts(const StageOptions& config, OverlayData& data);

/**
 * summary.json's `data_sharing` without the sensitivity: the packages, whether individual-level data
 * was used, the imputation.
 */
nlohmann::ordered_json data_sharing_json(const OverlayData& data);

/**
 * How much the localities depend on the withheld counts: the clustering solved again with every
 * withheld count at its low end (1) and at its high end (threshold - 1), and the number of areas
 * whose locality changes (localities matched by their largest overlap). `data.counts` is restored.
 */
nlohmann::ordered_json withheld_sensitivity(const StageOptions& config, OverlayData& data,
                                            const ClusterGround& ground,
                                            const std::vector<RegionId>& region_of);

/** Areas whose locality in `other` differs from `base`, once the localities are matched one to one by
 * overlap. */
std::size_t areas_changing_locality(const std::vector<RegionId>& base, const std::vector<RegionId>& other);

}  // namespace locality::pipeline
