// SPDX-License-Identifier: MIT
#include "parse_error_message.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "locality/core/closest_name.hpp"

namespace locality::cli {

namespace {

/** The subcommand the user chose, else the program itself. */
const CLI::App& chosen_command(const CLI::App& app) {
    const auto chosen = app.get_subcommands();
    return chosen.empty() ? app : *chosen.front();
}

/** `--name` of every long option of `command` and of its parent (--config). */
std::vector<std::string> long_options(const CLI::App& command) {
    std::vector<std::string> names;
    for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
        for (const CLI::Option* option : app->get_options()) {
            for (const std::string& name : option->get_lnames()) {
                names.push_back("--" + name);
            }
        }
    }
    return names;
}

/** Words the user typed that look like options and that no option of the command takes. */
std::vector<std::string> unknown_options(const CLI::App& command) {
    std::vector<std::string> words;
    for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
        for (const std::string& word : app->remaining()) {
            if (word.size() > 2 && word.compare(0, 2, "--") == 0) {
                words.push_back(word.substr(0, word.find('=')));
            }
        }
    }
    return words;
}

/** One value given to an option that takes one, more than once: "--agency-field is given twice ...". */
std::string repeated_option(const CLI::App& command) {
    for (const CLI::App* app = &command; app != nullptr; app = app->get_parent()) {
        for (const CLI::Option* option : app->get_options()) {
            const std::vector<std::string>& given = option->results();
            if (option->get_expected_max() != 1 || option->get_type_size_max() != 1 || given.size() < 2) {
                continue;
            }
            std::string values;
            for (const std::string& value : given) {
                values += (values.empty() ? "'" : ", '") + value + "'";
            }
            const std::string name = option->get_name();
            return name + " takes one value but is given " +
                   (given.size() == 2 ? std::string("twice") : std::to_string(given.size()) + " times") +
                   " (" + values + "): keep one, and remove the extra '" + name + " " + given.back() + "'";
        }
    }
    return {};
}

}  // namespace

std::string closest_option(const std::string& typed, const std::vector<std::string>& known) {
    // A unique option the word begins (--min-pop for --min-population) wins; else the nearest name
    // within a third of its length in edits (--tolerence, --areas-id).
    std::vector<std::string> extended;
    for (const std::string& name : known) {
        if (name.size() > typed.size() && name.compare(0, typed.size(), typed) == 0) {
            extended.push_back(name);
        }
    }
    if (extended.size() == 1) {
        return extended.front();
    }
    return closest_name(typed, known);
}

std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error) {
    const CLI::App& command = chosen_command(app);
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        if (std::string repeated = repeated_option(command); !repeated.empty()) {
            return repeated;
        }
    }
    std::string message = error.what();
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr) {
        const std::vector<std::string> known = long_options(command);
        for (const std::string& word : unknown_options(command)) {
            if (const std::string near = closest_option(word, known); !near.empty()) {
                message += "; did you mean " + near + " instead of " + word + "?";
                break;
            }
        }
    }
    return message;
}

}  // namespace locality::cli
