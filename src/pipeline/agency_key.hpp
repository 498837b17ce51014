// SPDX-License-Identifier: MIT
// Internal to the pipeline: when two agency names are one agency spelled two ways, and the column
// each agency's cases are written in.
#pragma once

#include <string>

namespace locality::pipeline {

/**
 * The agency a name stands for: its letters and digits, lower-cased (ASCII, Latin-1, Latin
 * Extended-A, Greek and Cyrillic), with every run of other characters (spaces, punctuation,
 * no-break and zero-width spaces) one '_'. "Social Care" and "social-care" share a key; so do
 * "ΠΟΛΗ" and "πόλη"'s unaccented twin "πολη", but not two different Greek or Cyrillic names. Letters
 * of other scripts are kept as written (compared exactly).
 */
std::string agency_key(const std::string& name);

/** The name in lower-case ASCII letters and digits, runs of anything else one '_' ("agency" when none). */
std::string agency_slug(const std::string& name);

/** Whether the name has a letter or digit that agency_slug() cannot write (beyond ASCII). */
bool has_letters_beyond_ascii(const std::string& name);

/** Six hexadecimal digits of a stable hash of `text` (FNV-1a), the same on every machine. */
std::string short_text_hash(const std::string& text);

}  // namespace locality::pipeline
