// SPDX-License-Identifier: MIT
#include <string>
#include <vector>

#include "summary.hpp"

namespace locality::pipeline {

std::string dump_summary(const nlohmann::ordered_json& summary) { return summary.dump(2) + "\n"; }

PipelineResult finish_run(nlohmann::ordered_json summary, const std::vector<std::string>& warnings,
                          const std::vector<std::string>& names, output::OutputSet& outputs) {
    summary["warnings"] = warnings;
    summary["outputs"] = names;
    PipelineResult result;
    result.summary_json = dump_summary(summary);
    output::write_text_file(outputs.staging_path("summary.json"), result.summary_json);
    outputs.commit();
    result.warnings = warnings;
    for (const std::string& name : names) {
        result.files.push_back(outputs.final_path(name));
    }
    return result;
}

}  // namespace locality::pipeline
