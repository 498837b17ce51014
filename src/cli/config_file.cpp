// SPDX-License-Identifier: MIT
#include "config_file.hpp"

#include <filesystem>
#include <memory>

#include "locality/io/source_spec.hpp"

namespace locality::cli {

namespace {

namespace fs = std::filesystem;

std::string resolve_path(const std::string& path, const std::string& folder) {
    // Connection strings (PG:...), GDAL virtual paths and absolute paths are left as written.
    if (path.empty() || path.find(':') != std::string::npos || path.rfind("/vsi", 0) == 0 ||
        fs::path(path).is_absolute()) {
        return path;
    }
    return (fs::path(folder) / path).lexically_normal().string();
}

/**
 * CLI11's TOML reader, plus what a scenario file needs: top-level keys belong to the command being
 * run (CLI11 would look for them on the main program), unknown keys are refused by name, and paths
 * are resolved against the file's folder (CLI11 passes values on verbatim).
 */
class ScenarioConfig : public CLI::ConfigTOML {
public:
    explicit ScenarioConfig(const CLI::App& app) : m_app(&app) {}

    std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
        std::vector<CLI::ConfigItem> read = CLI::ConfigTOML::from_config(input);
        const std::string file = m_app->get_config_ptr()->as<std::string>();
        const std::string folder = fs::path(file).parent_path().string();
        const std::vector<CLI::App*> commands = m_app->get_subcommands();
        std::vector<CLI::ConfigItem> kept;
        for (CLI::ConfigItem& item : read) {
            if (item.name == "++" || item.name == "--") {
                kept.push_back(item);
                continue;  // TOML section markers
            }
            if (item.parents.empty() && !commands.empty()) {
                item.parents.push_back(commands.front()->get_name());
            }
            const CLI::App* owner =
                item.parents.empty() ? m_app : m_app->get_subcommand(item.parents.front());
            // A propose scenario scored by evaluate or compare: the clustering's own keys (seed, method...)
            // do not apply.
            if ((owner->get_name() == "evaluate" || owner->get_name() == "compare") &&
                owner->get_option_no_throw("--" + item.name) == nullptr &&
                m_app->get_subcommand("propose")->get_option_no_throw("--" + item.name) != nullptr) {
                continue;
            }
            if (owner->get_option_no_throw("--" + item.name) == nullptr) {
                throw CLI::ConfigError("unknown key '" + item.fullname() + "' in config file '" + file +
                                       "': keys are the command's long options, e.g. k = 8");
            }
            for (std::string& value : item.inputs) {
                value = resolve_config_value(item.name, value, folder);
            }
            kept.push_back(item);
        }
        return kept;
    }

private:
    const CLI::App* m_app;
};

}  // namespace

std::string resolve_config_value(const std::string& key, const std::string& value,
                                 const std::string& folder) {
    if (key == "output" || key == "agency-names" || key == "released") {
        return resolve_path(value, folder);
    }
    if (key != "areas" && key != "cases" && key != "service-areas") {
        return value;
    }
    const io::TaggedSource tagged =
        key == "cases" ? io::parse_case_source(value) : io::parse_tagged_source(value, false);
    std::string out = tagged.tag.empty() ? std::string() : tagged.tag + "=";
    out += resolve_path(tagged.source.path, folder);
    if (!tagged.source.layer.empty()) {
        out += "|layername=" + tagged.source.layer;
    }
    return out + tagged.options.text();
}

void add_config_option(CLI::App& app, CliRun& run) {
    app.set_config("--config", "",
                   "Read options from a TOML file (keys as the long options: k = 8); the "
                   "command line wins; relative paths are relative to the file")
        ->type_name("FILE")
        ->each([&run](const std::string& path) { run.config.config_file = path; });
    app.config_formatter(std::make_shared<ScenarioConfig>(app));
    // Subcommands made after this inherit both: unknown keys are refused, and `propose --config F`
    // reaches the option of the main program.
    app.allow_config_extras(CLI::config_extras_mode::error);
    app.fallthrough();
}

}  // namespace locality::cli
