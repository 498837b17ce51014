// SPDX-License-Identifier: MIT
// Options of what `propose`, `overlay` and `regionalize` publish: formats, disclosure control, area-level
// counts.
#include <cstdlib>
#include <string>

#include "cli_run.hpp"

namespace locality::cli {

void add_disclosure_option(CLI::App& command, CliRun& run) {
    command
        .add_option(
            "--suppress-below", run.config.suppress_below,
            "Disclosure control: withhold every count from 1 to N-1 (and the counts that would reveal "
            "it); 0 = publish all; not 2 (it would withhold only 1s, which the rule gives away)")
        ->type_name("N")
        ->default_val(5)
        ->check(CLI::Range(0, 1000000))
        ->check(CLI::Validator(
            [](const std::string& text) {
                // N = 2 withholds only counts of 1: a reader who knows the rule knows each one.
                return std::strtoll(text.c_str(), nullptr, 10) == 2
                           ? std::string(
                                 "2 withholds only counts of 1, which the rule itself then "
                                 "gives away: use 3 or more (default 5), or 0 to publish all")
                           : std::string();
            },
            "", "not 2"))
        ->group("Output");
}

void add_service_agency_option(CLI::App& command, CliRun& run) {
    command
        .add_option(
            "--service-agency", run.service_agency_text,
            "The agency whose cases a service layer's teams handle, for each partner's cost, repeatable: "
            "LAYER=AGENCY (default: the agency of the layer's name)")
        ->type_name("LAYER=AGENCY")
        ->group("Inputs");
}

void add_format_option(CLI::App& command, CliRun& run) {
    command
        .add_option_function<std::vector<std::string>>(
            "--format",
            [&run](const std::vector<std::string>& words) {
                run.config.formats.clear();
                for (const std::string& word : words) {
                    run.config.formats.push_back(word == "gpkg" ? pipeline::OutputFormat::gpkg
                                                                : pipeline::OutputFormat::geojson);
                }
            },
            "Formats of the locality layers, comma-separated: geojson (with its .qml style), gpkg "
            "(localities.gpkg: localities, areas and service areas, styled)")
        ->type_name("LIST")
        ->delimiter(',')
        // Any case, turned into the listed word the callback reads; others are a usage error listing them.
        ->transform(CLI::IsMember({"geojson", "gpkg"}, CLI::ignore_case))
        ->default_str("geojson,gpkg")
        ->group("Output");
}

void add_publication_options(CLI::App& command, CliRun& run) {
    AllOptions& c = run.config;
    add_format_option(command, run);
    add_disclosure_option(command, run);
    add_service_agency_option(command, run);
    command
        .add_flag(
            "--area-counts", c.area_counts,
            "Also publish per-area counts (area_counts.csv and the areas layer), suppressed the same way")
        ->group("Output");
    command
        .add_option(
            "--released", c.released,
            "An output folder of an earlier run over the same cases, already handed over, repeatable: "
            "its published counts stay as they are and this run withholds what it must so that "
            "all of them read together give no small count away")
        ->type_name("DIR")
        ->group("Output");
}

}  // namespace locality::cli
