// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace locality::output {

/**
 * The QGIS style template of the localities layer (styles/localities.qml): a categorised renderer with
 * one template category, and labels. Filled in by localities_style().
 */
std::string_view localities_style_qml();

/** Number of colours in the qualitative palette of the localities style. */
int qualitative_palette_size();

/** The template of the small areas layer (styles/areas.qml), graduated by `need_quintile`. */
std::string_view areas_style_qml();

/** The template of the small areas layer with --confidence (styles/areas_confidence.qml), graduated by
 * `confidence`. */
std::string_view areas_confidence_style_qml();

/** The template of a service-area layer (styles/service_areas.qml): outlines, labelled by id. */
std::string_view service_areas_style_qml();

/** Colour `index` of the localities' qualitative palette as "#rrggbb" (the report draws with it too). */
std::string qualitative_colour_hex(int index);

/** What the localities style shows. */
struct LocalitiesStyleOptions {
    std::vector<int> localities;  ///< locality numbers, one category each
    std::vector<int> colours;     ///< palette index per locality (empty: in turn)
    bool has_population = false;  ///< label the residents (field `population`)
    bool has_cases = true;        ///< label the caseload (field `cases_total`)
};

/**
 * The localities style for this run: one category per locality, coloured from a qualitative palette
 * (the given palette index, or in turn), labelled "Locality N", residents and cases. The template is parsed
 * and rewritten as XML (GDAL's CPL minixml). Throws IoError when a template lacks an element it needs.
 */
std::string localities_style(const LocalitiesStyleOptions& options);

/**
 * The areas style: one range per class 1..`classes` of `need_quintile`, coloured along a sequential
 * ramp, labelled with `class_labels` (one per class).
 */
std::string areas_style(const std::vector<std::string>& class_labels);

/** One class of the confidence style: values from `lower` to `upper`, named in words. */
struct ConfidenceClass {
    double lower = 0.0;
    double upper = 1.0;
    std::string label;
};

/**
 * The classes of the areas' `confidence` (docs/decisions/0027), firm first: firm from 0.9, 0.75 to 0.9,
 * 0.5 to 0.75, arbitrary below 0.5. QGIS gives a value the first range that holds it, bounds included,
 * so listing the firm class first puts 0.9 (and 0.75, 0.5) in the higher class.
 */
std::vector<ConfidenceClass> confidence_classes();

/**
 * The areas style with --confidence: graduated by `confidence` in confidence_classes(), coloured along
 * a sequential ramp from pale (arbitrary) to dark (firm).
 */
std::string areas_confidence_style();

/** The service-area style, labelled by `id_field`. */
std::string service_areas_style(const std::string& id_field);

}  // namespace locality::output
