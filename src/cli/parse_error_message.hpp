// SPDX-License-Identifier: MIT
// A command-line parse error in plain words: the option meant, the option given once too often.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace locality::cli {

/**
 * The option of `known` the user most likely meant by `typed`: the only one that `typed` begins,
 * else the nearest by edit distance when it is close (at most a third of the word, at least 2
 * edits); empty when none is close.
 */
std::string closest_option(const std::string& typed, const std::vector<std::string>& known);

/**
 * The text of `error`, thrown by `app.parse`: an unknown option gains "did you mean --x?", and a
 * single-value option given twice is named with both values and the one to remove.
 */
std::string parse_error_message(const CLI::App& app, const CLI::ParseError& error);

}  // namespace locality::cli
