// SPDX-License-Identifier: MIT
// The attacker's audit (issue 18 item 4): everything several runs published over the same areas,
// read together as one system of linear constraints on the true area counts, and the LP bounds of
// every withheld small count. Independent of the library: it reads only the files the runs wrote and
// builds its own linear program (GLPK directly).
//
//   locality_attacker_audit THRESHOLD TRUTH_AREA_COUNTS SUMMARY [--areas CSV]... [--localities ASSIGNMENT
//   GEOJSON]...
//
// TRUTH_AREA_COUNTS: `locality overlay --suppress-below 0`'s area_counts.csv (the true counts, to know
// which withheld counts are small: the reader is assumed to know it, the strictest prior); SUMMARY:
// a summary.json of the same inputs (each agency's assigned cases, published whatever their size).
// --areas: a published area_counts.csv; --localities: a published assignment and its localities layer.
// Exit 1 when more withheld counts from 1 to THRESHOLD - 1 than --declared N (the runs' own count of
// those they could not widen, summary.json disclosure.joint_narrowed; default 0) have an LP range
// narrower than [1, THRESHOLD - 1] and than their range with everything but the run's totals
// withheld; it prints each such count.
#include <glpk.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "text_files.hpp"

namespace {

using Expression = std::vector<int>;  // the true area cells (variable indices) a figure adds up

struct Figure {
    std::string name;
    Expression cells;
    std::int64_t truth = 0;
    std::optional<std::int64_t> published;
    // In a table whose every count is withheld, whatever the counts: the nulls say nothing of which
    // counts are small, so the reader's prior on them is only >= 0 (decision 0042).
    bool unranked = false;
};

struct System {
    std::vector<std::string> agencies;  // the cases_* columns
    std::map<std::string, std::size_t> area_index;
    std::vector<std::vector<std::int64_t>> truth;  // [area][agency]
    std::vector<Figure> figures;

    int cell(std::size_t area, std::size_t agency) const {
        return static_cast<int>(area * agencies.size() + agency);
    }
    std::int64_t value(const Expression& e) const {
        std::int64_t sum = 0;
        for (const int c : e) {
            sum += truth[static_cast<std::size_t>(c) / agencies.size()]
                        [static_cast<std::size_t>(c) % agencies.size()];
        }
        return sum;
    }
    void add(std::string name, Expression cells, std::optional<std::int64_t> published) {
        Figure f{std::move(name), std::move(cells), 0, published};
        f.truth = value(f.cells);
        if (published && *published != f.truth) {
            throw std::runtime_error(f.name + ": published " + std::to_string(*published) + ", truth " +
                                     std::to_string(f.truth));
        }
        figures.push_back(std::move(f));
    }
};

std::optional<std::int64_t> number(const std::string& text) {
    if (text.empty()) {
        return std::nullopt;
    }
    return std::stoll(text);
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
    for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == name) {
            return i;
        }
    }
    throw std::runtime_error("no column " + name);
}

void read_truth(System& s, const std::string& path) {
    const auto rows = locality::test::parse_csv(locality::test::read_text(path));
    for (const std::string& name : rows.at(0)) {
        if (name.rfind("cases_", 0) == 0 && name != "cases_total") {
            s.agencies.push_back(name);
        }
    }
    const std::size_t id = column(rows[0], "area_id");
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() < 2) {
            continue;
        }
        s.area_index[rows[r][id]] = s.truth.size();
        s.truth.emplace_back();
        for (const std::string& a : s.agencies) {
            s.truth.back().push_back(*number(rows[r][column(rows[0], a)]));
        }
    }
}

void read_run_totals(System& s, const std::string& path) {
    const nlohmann::json summary = nlohmann::json::parse(locality::test::read_text(path));
    for (const nlohmann::json& agency : summary.at("cases").at("agencies")) {
        for (std::size_t a = 0; a < s.agencies.size(); ++a) {
            if (s.agencies[a] == agency.at("column").get<std::string>()) {
                Expression e;
                for (std::size_t z = 0; z < s.truth.size(); ++z) {
                    e.push_back(s.cell(z, a));
                }
                s.add("run total " + s.agencies[a], e, agency.at("assigned").get<std::int64_t>());
            }
        }
    }
}

void read_areas(System& s, const std::string& path) {
    const auto rows = locality::test::parse_csv(locality::test::read_text(path));
    const std::size_t id = column(rows[0], "area_id");
    const std::size_t total = column(rows[0], "cases_total");
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() < 2) {
            continue;
        }
        const std::size_t z = s.area_index.at(rows[r][id]);
        Expression all;
        for (std::size_t a = 0; a < s.agencies.size(); ++a) {
            s.add(path + " " + rows[r][id] + " " + s.agencies[a], {s.cell(z, a)},
                  number(rows[r][column(rows[0], s.agencies[a])]));
            all.push_back(s.cell(z, a));
        }
        s.add(path + " " + rows[r][id] + " cases_total", all, number(rows[r][total]));
    }
}

void read_localities(System& s, const std::string& assignment, const std::string& geojson) {
    const auto rows = locality::test::parse_csv(locality::test::read_text(assignment));
    std::map<std::int64_t, std::vector<std::size_t>> members;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        if (rows[r].size() >= 2) {
            members[std::stoll(rows[r][column(rows[0], "locality")])].push_back(
                s.area_index.at(rows[r][column(rows[0], "area_id")]));
        }
    }
    const nlohmann::json layer = nlohmann::json::parse(locality::test::read_text(geojson));
    const std::size_t first = s.figures.size();
    for (const nlohmann::json& feature : layer.at("features")) {
        const nlohmann::json& p = feature.at("properties");
        const std::int64_t l = p.at("locality").get<std::int64_t>();
        auto published = [&](const std::string& field) -> std::optional<std::int64_t> {
            if (!p.contains(field) || p[field].is_null()) {
                return std::nullopt;
            }
            return p[field].get<std::int64_t>();
        };
        Expression all;
        for (std::size_t a = 0; a < s.agencies.size(); ++a) {
            Expression e;
            for (const std::size_t z : members.at(l)) {
                e.push_back(s.cell(z, a));
            }
            all.insert(all.end(), e.begin(), e.end());
            s.add(geojson + " locality " + std::to_string(l) + " " + s.agencies[a], e,
                  published(s.agencies[a]));
        }
        s.add(geojson + " locality " + std::to_string(l) + " cases_total", all, published("cases_total"));
    }
    const bool any_published = std::any_of(s.figures.begin() + static_cast<long>(first), s.figures.end(),
                                           [](const Figure& f) { return f.published.has_value(); });
    for (std::size_t f = first; f < s.figures.size() && !any_published; ++f) {
        s.figures[f].unranked = true;
    }
}

/** The LP over the true cells: published figures as equalities, small withheld ones within [1, N-1]. */
class Program {
public:
    Program(const System& s, std::int64_t threshold, bool only_run_totals) {
        glp_term_out(GLP_OFF);
        lp_ = glp_create_prob();
        glp_init_smcp(&parameters_);
        parameters_.msg_lev = GLP_MSG_OFF;
        const std::size_t cells = s.truth.size() * s.agencies.size();
        glp_add_cols(lp_, static_cast<int>(cells));
        for (std::size_t c = 1; c <= cells; ++c) {
            glp_set_col_bnds(lp_, static_cast<int>(c), GLP_LO, 0.0, 0.0);
        }
        std::map<std::string, bool> seen;  // one row per distinct figure
        for (const Figure& f : s.figures) {
            const bool run_total = f.name.rfind("run total", 0) == 0;
            const bool known = f.published && (run_total || !only_run_totals);
            const bool small = !run_total && !f.unranked && f.truth > 0 && f.truth < threshold;
            if (!known && !small) {
                continue;
            }
            std::string key;
            for (const int c : f.cells) {
                key += std::to_string(c) + ",";
            }
            key += known ? "=" : "~";
            if (seen[key]) {
                continue;
            }
            seen[key] = true;
            if (known && f.cells.size() == 1) {
                const double v = static_cast<double>(*f.published);
                glp_set_col_bnds(lp_, f.cells[0] + 1, GLP_FX, v, v);
                continue;
            }
            const int row = glp_add_rows(lp_, 1);
            std::vector<int> index{0};
            std::vector<double> ones{0.0};
            for (const int c : f.cells) {
                index.push_back(c + 1);
                ones.push_back(1.0);
            }
            glp_set_mat_row(lp_, row, static_cast<int>(f.cells.size()), index.data(), ones.data());
            if (known) {
                glp_set_row_bnds(lp_, row, GLP_FX, static_cast<double>(*f.published), 0.0);
            } else {
                glp_set_row_bnds(lp_, row, GLP_DB, 1.0, static_cast<double>(threshold - 1));
            }
        }
        // A withheld small single cell's prior as its column's bounds (after the equalities: a cell
        // published in one product and withheld in another is known).
        for (const Figure& f : s.figures) {
            if (f.cells.size() == 1 && !f.published && !f.unranked && f.truth > 0 && f.truth < threshold &&
                glp_get_col_type(lp_, f.cells[0] + 1) != GLP_FX) {
                glp_set_col_bnds(lp_, f.cells[0] + 1, GLP_DB, 1.0, static_cast<double>(threshold - 1));
            }
        }
        glp_adv_basis(lp_, 0);
    }
    ~Program() { glp_delete_prob(lp_); }
    Program(const Program&) = delete;
    Program& operator=(const Program&) = delete;

    /** The least or greatest value of the sum of `cells`; HUGE_VAL when unbounded. */
    double extreme(const Expression& cells, bool high) {
        for (const int c : objective_) {
            glp_set_obj_coef(lp_, c + 1, 0.0);
        }
        objective_ = cells;
        for (const int c : cells) {
            glp_set_obj_coef(lp_, c + 1, 1.0);
        }
        glp_set_obj_dir(lp_, high ? GLP_MAX : GLP_MIN);
        if (glp_simplex(lp_, &parameters_) != 0) {
            glp_std_basis(lp_);
            glp_simplex(lp_, &parameters_);
        }
        const int status = glp_get_status(lp_);
        if (status == GLP_UNBND) {
            return HUGE_VAL;
        }
        if (status != GLP_OPT) {
            throw std::runtime_error("the attacker's linear program has no solution");
        }
        return glp_get_obj_val(lp_);
    }

private:
    glp_prob* lp_ = nullptr;
    glp_smcp parameters_{};
    Expression objective_;
};

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc < 4) {
            std::cerr << "usage: locality_attacker_audit THRESHOLD TRUTH SUMMARY [--areas CSV]... "
                         "[--localities ASSIGNMENT GEOJSON]...\n";
            return 2;
        }
        const std::int64_t threshold = std::stoll(argv[1]);
        System s;
        read_truth(s, argv[2]);
        read_run_totals(s, argv[3]);
        std::size_t declared = 0;
        for (int i = 4; i < argc; ++i) {
            const std::string option = argv[i];
            if (option == "--declared" && i + 1 < argc) {
                declared = std::stoul(argv[++i]);
            } else if (option == "--areas" && i + 1 < argc) {
                read_areas(s, argv[++i]);
            } else if (option == "--localities" && i + 2 < argc) {
                read_localities(s, argv[i + 1], argv[i + 2]);
                i += 2;
            } else {
                std::cerr << "unknown argument " << option << "\n";
                return 2;
            }
        }
        Program published(s, threshold, false);
        std::optional<Program> best;
        std::map<Expression, bool> done;
        std::size_t withheld_small = 0;
        std::size_t narrowed = 0;
        std::size_t exact = 0;
        for (const Figure& f : s.figures) {
            // A figure of an all-null table is not audited: the table adds nothing a reader can use, so
            // what the reader learns of it the other files say without it (decision 0042).
            if (f.published || f.unranked || f.truth <= 0 || f.truth >= threshold || done[f.cells]) {
                continue;
            }
            done[f.cells] = true;
            ++withheld_small;
            const auto low = static_cast<std::int64_t>(std::ceil(published.extreme(f.cells, false) - 1e-6));
            const double high_value = published.extreme(f.cells, true);
            const std::int64_t high =
                std::isinf(high_value) ? threshold : static_cast<std::int64_t>(std::floor(high_value + 1e-6));
            if (low <= 1 && high >= threshold - 1) {
                continue;
            }
            if (!best) {
                best.emplace(s, threshold, true);
            }
            const auto best_low = static_cast<std::int64_t>(std::ceil(best->extreme(f.cells, false) - 1e-6));
            const double best_high_value = best->extreme(f.cells, true);
            const std::int64_t best_high =
                std::isinf(best_high_value) ? threshold
                                            : static_cast<std::int64_t>(std::floor(best_high_value + 1e-6));
            if (low > std::max<std::int64_t>(best_low, 1) ||
                high < std::min<std::int64_t>(best_high, threshold - 1)) {
                ++narrowed;
                exact += low == high ? 1 : 0;
                std::cout << "narrowed: " << f.name << " = " << f.truth << " in [" << low << ", " << high
                          << "], could be [" << best_low << ", " << best_high << "]\n";
            }
        }
        std::cout << "withheld small counts: " << withheld_small << ", narrowed: " << narrowed
                  << ", of which exact: " << exact << "; declared by the runs: " << declared << "\n";
        return narrowed <= declared ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "locality_attacker_audit: " << e.what() << "\n";
        return 2;
    }
}
