// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace locality::output {

/**
 * The files of one run, made to appear whole: each is written to a hidden temporary name in the
 * output folder, and commit() renames them all into place. Until commit(), nothing the user can
 * see changes; the destructor removes temporaries left by a failed run. The folder is created when
 * missing and never emptied: with overwrite, only the files the replaced run recorded as its own
 * (the `outputs` of the summary.json this run replaces) and this run does not write are removed at
 * commit(), so the folder never mixes two runs' files; anything else in it is left alone.
 */
class OutputSet {
public:
    /**
     * `names`: the files this run will write. Throws IoError, before any work is done, when one
     * exists and !overwrite ("... exists; use --overwrite"), or the folder cannot be created.
     */
    OutputSet(std::string directory, std::vector<std::string> names, bool overwrite);
    ~OutputSet();
    OutputSet(const OutputSet&) = delete;
    OutputSet& operator=(const OutputSet&) = delete;

    /** Temporary path to write `name` to (must be one of the constructor's names). */
    std::string staging_path(const std::string& name) const;
    /** Final path of `name`. */
    std::string final_path(const std::string& name) const;
    /**
     * Renames every staged file into place; throws IoError when one was not staged or a rename fails.
     * Then removes the staging files of earlier runs that were killed before their commit (hidden
     * `.<name>.<16 hex digits>.tmp` of this run's names; see docs/decisions/0013).
     */
    void commit();

private:
    /** Removes staging files of killed runs (see commit()). */
    void remove_stale_staging() const;
    /** Removes the replaced run's outputs this run did not write (see the class comment). */
    void remove_replaced_outputs() const;

    std::string m_directory;
    std::vector<std::string> m_names;
    std::string m_suffix;
    bool m_committed = false;
    /** The replaced run's outputs that this run does not write, read before anything is replaced. */
    std::vector<std::string> m_replaced;
};

/** Writes `text` to `path` (binary, exact bytes); throws IoError naming the path. */
void write_text_file(const std::string& path, const std::string& text);

}  // namespace locality::output
