// SPDX-License-Identifier: MIT
#include "parse_error_message.hpp"

#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

namespace locality::cli {

namespace {

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

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
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, typed.size() / 3) + 1;
    for (const std::string& name : known) {
        const std::size_t distance = edit_distance(typed, name);
        if (distance < best_distance) {
            best_distance = distance;
            best = name;
        }
    }
    return best;
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
