// SPDX-License-Identifier: MIT
// Fills in the QGIS style templates of styles/ for one run. The templates are parsed and rewritten
// as XML trees (GDAL's CPL minixml), never assembled from strings, so any value (a field name with a
// quote, a label with '<') comes out escaped and the document stays valid.
#include <cpl_minixml.h>
#include <cpl_string.h>
#include <fmt/format.h>

#include <array>
#include <cstdio>
#include <memory>

#include "locality/core/error.hpp"
#include "locality/output/styles.hpp"

namespace locality::output {

namespace {

struct XmlDeleter {
    void operator()(CPLXMLNode* node) const noexcept { CPLDestroyXMLNode(node); }
};
using XmlPtr = std::unique_ptr<CPLXMLNode, XmlDeleter>;

// Qualitative palette (Tableau 10 and two more): distinct hues for categories that have no order. The
// pipeline gives neighbouring localities different colours (map colouring).
constexpr std::array<const char*, 12> k_qualitative{"31,119,180,255",  "255,127,14,255",  "44,160,44,255",
                                                    "214,39,40,255",   "148,103,189,255", "140,86,75,255",
                                                    "227,119,194,255", "127,127,127,255", "188,189,34,255",
                                                    "23,190,207,255",  "255,217,47,255",  "102,166,30,255"};

// Sequential ramp (ColorBrewer YlOrRd, 5 classes): low need pale, high need dark red.
constexpr std::array<const char*, 5> k_sequential{"255,255,178,255", "254,204,92,255", "253,141,60,255",
                                                  "240,59,32,255", "189,0,38,255"};

// The areas style's class 0: the areas without a need class, in a light grey beside the ramp.
constexpr const char* k_areas_class_expression = "coalesce(\"need_quintile\", 0)";
constexpr const char* k_no_class_label = "no class (no residents, or its count withheld)";
constexpr const char* k_no_class_colour = "224,224,224,255";

// Sequential ramp of the confidence classes (ColorBrewer Blues, 4 classes), firm (dark) first.
constexpr std::array<const char*, 4> k_confidence{"33,113,181,255", "107,174,214,255", "189,215,231,255",
                                                  "239,243,255,255"};

XmlPtr parse_template(std::string_view text, const char* name) {
    XmlPtr root(CPLParseXMLString(std::string(text).c_str()));
    if (!root) {
        throw IoError(fmt::format("the built-in QGIS style template {} is not valid XML", name));
    }
    return root;
}

// The <qgis> element among the top-level nodes (after the doctype and comments).
CPLXMLNode* qgis_element(const XmlPtr& root, const char* name) {
    for (CPLXMLNode* node = root.get(); node != nullptr; node = node->psNext) {
        if (node->eType == CXT_Element && EQUAL(node->pszValue, "qgis")) {
            return node;
        }
    }
    throw IoError(fmt::format("the built-in QGIS style template {} has no <qgis> element", name));
}

CPLXMLNode* need_node(CPLXMLNode* root, const char* path, const char* name) {
    CPLXMLNode* node = CPLGetXMLNode(root, path);
    if (node == nullptr) {
        throw IoError(fmt::format("the built-in QGIS style template {} has no <{}>", name, path));
    }
    return node;
}

// First child element named `element` of `parent`.
CPLXMLNode* first_child(CPLXMLNode* parent, const char* element, const char* name) {
    for (CPLXMLNode* child = parent->psChild; child != nullptr; child = child->psNext) {
        if (child->eType == CXT_Element && EQUAL(child->pszValue, element)) {
            return child;
        }
    }
    throw IoError(fmt::format("the built-in QGIS style template {} has no <{}> in <{}>", name, element,
                              parent->pszValue));
}

// The <Option name="color"> of a fill symbol's first symbol layer.
void set_fill_colour(CPLXMLNode* symbol, const char* colour, const char* name) {
    CPLXMLNode* options = need_node(symbol, "layer.Option", name);
    for (CPLXMLNode* child = options->psChild; child != nullptr; child = child->psNext) {
        if (child->eType == CXT_Element && EQUAL(child->pszValue, "Option") &&
            EQUAL(CPLGetXMLValue(child, "name", ""), "color")) {
            CPLSetXMLValue(child, "#value", colour);
            return;
        }
    }
    throw IoError(fmt::format("the built-in QGIS style template {} has no fill colour", name));
}

// Appends element nodes to `parent`'s children. CPLAddXMLChild walks the whole child list on every
// call, which made thousands of classes quadratic (1.4 % of the national run's CPU with 4,117
// localities); this keeps the tail. Only for elements: CPLAddXMLChild puts attributes first.
class ChildAppender {
public:
    explicit ChildAppender(CPLXMLNode* parent) : m_parent(parent) {}
    void add(CPLXMLNode* node) {
        if (m_tail == nullptr) {
            CPLAddXMLChild(m_parent, node);
        } else {
            m_tail->psNext = node;
        }
        m_tail = node;
        while (m_tail->psNext != nullptr) {  // a cloned node brings its cloned siblings along
            m_tail = m_tail->psNext;
        }
    }

private:
    CPLXMLNode* m_parent;
    CPLXMLNode* m_tail = nullptr;
};

// Replaces the template entry (the first <item> of `list`, with the first <symbol> of `symbols`) by
// `count` copies made by `fill(i, item, symbol)`.
template <typename Fill>
void expand_classes(CPLXMLNode* list, const char* item_name, CPLXMLNode* symbols, std::size_t count,
                    const char* name, Fill fill) {
    CPLXMLNode* item = first_child(list, item_name, name);
    CPLXMLNode* symbol = first_child(symbols, "symbol", name);
    const XmlPtr item_template(CPLCloneXMLTree(item));
    const XmlPtr symbol_template(CPLCloneXMLTree(symbol));
    CPLRemoveXMLChild(list, item);
    CPLDestroyXMLNode(item);
    CPLRemoveXMLChild(symbols, symbol);
    CPLDestroyXMLNode(symbol);
    ChildAppender items(list);
    ChildAppender symbol_nodes(symbols);
    for (std::size_t i = 0; i < count; ++i) {
        CPLXMLNode* new_item = CPLCloneXMLTree(item_template.get());
        CPLXMLNode* new_symbol = CPLCloneXMLTree(symbol_template.get());
        const std::string key = std::to_string(i);
        CPLSetXMLValue(new_item, "#symbol", key.c_str());
        CPLSetXMLValue(new_symbol, "#name", key.c_str());
        fill(i, new_item, new_symbol);
        items.add(new_item);
        symbol_nodes.add(new_symbol);
    }
}

std::string serialise(const XmlPtr& root) {
    char* text = CPLSerializeXMLTree(root.get());
    if (text == nullptr) {
        throw IoError("cannot serialise a QGIS style");
    }
    std::string out(text);
    CPLFree(text);
    return out;
}

}  // namespace

int qualitative_palette_size() { return static_cast<int>(k_qualitative.size()); }

std::string qualitative_colour_hex(int index) {
    const auto size = static_cast<int>(k_qualitative.size());
    int rgb[3] = {0, 0, 0};
    std::sscanf(k_qualitative[static_cast<std::size_t>(((index % size) + size) % size)], "%d,%d,%d", &rgb[0],
                &rgb[1], &rgb[2]);
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    return text;
}

std::string localities_style(const LocalitiesStyleOptions& options) {
    const char* name = "localities.qml";
    XmlPtr root = parse_template(localities_style_qml(), name);
    CPLXMLNode* renderer = need_node(qgis_element(root, name), "renderer-v2", name);
    expand_classes(need_node(renderer, "categories", name), "category", need_node(renderer, "symbols", name),
                   options.localities.size(), name,
                   [&](std::size_t i, CPLXMLNode* category, CPLXMLNode* symbol) {
                       const std::string value = std::to_string(options.localities[i]);
                       CPLSetXMLValue(category, "#value", value.c_str());
                       CPLSetXMLValue(category, "#label", ("Locality " + value).c_str());
                       const std::size_t colour =
                           i < options.colours.size() ? static_cast<std::size_t>(options.colours[i]) : i;
                       set_fill_colour(symbol, k_qualitative[colour % k_qualitative.size()], name);
                   });
    // concat() treats a null (a withheld count) as empty text, where || would blank the whole label.
    std::string label = "concat('Locality ', \"locality\"";
    if (options.has_population) {
        label += ", '\\n', format_number(\"population\", 0), ' residents'";
    }
    if (options.has_cases) {
        label += ", '\\n', coalesce(format_number(\"cases_total\", 0), 'withheld'), ' cases'";
    }
    label += ")";
    CPLSetXMLValue(need_node(qgis_element(root, name), "labeling.settings.text-style", name), "#fieldName",
                   label.c_str());
    return serialise(root);
}

std::string areas_style(const std::vector<std::string>& class_labels) {
    const char* name = "areas.qml";
    XmlPtr root = parse_template(areas_style_qml(), name);
    CPLXMLNode* renderer = need_node(qgis_element(root, name), "renderer-v2", name);
    // QGIS draws no feature whose value lies in no range, and a null lies in none: an area without a
    // class (no residents, its total withheld, every area of `regionalize`) would vanish from the map,
    // a hole where the area is. The renderer classes coalesce(need_quintile, 0), and class 0 draws them.
    CPLSetXMLValue(renderer, "#attr", k_areas_class_expression);
    const std::size_t classes = class_labels.size();
    expand_classes(need_node(renderer, "ranges", name), "range", need_node(renderer, "symbols", name),
                   classes + 1, name, [&](std::size_t i, CPLXMLNode* range, CPLXMLNode* symbol) {
                       // Classes are the integers 0..n: each range holds one of them.
                       const double value = static_cast<double>(i);
                       CPLSetXMLValue(range, "#lower", fmt::format("{}", value - 0.5).c_str());
                       CPLSetXMLValue(range, "#upper", fmt::format("{}", value + 0.5).c_str());
                       if (i == 0) {
                           CPLSetXMLValue(range, "#label", k_no_class_label);
                           set_fill_colour(symbol, k_no_class_colour, name);
                           return;
                       }
                       CPLSetXMLValue(range, "#label", class_labels[i - 1].c_str());
                       // Spread the ramp over the classes present.
                       const std::size_t at = classes > 1
                                                  ? (i - 1) * (k_sequential.size() - 1) / (classes - 1)
                                                  : k_sequential.size() / 2;
                       set_fill_colour(symbol, k_sequential[at], name);
                   });
    return serialise(root);
}

std::vector<ConfidenceClass> confidence_classes() {
    return {{0.9, 1.0, "firm (0.9 or more)"},
            {0.75, 0.9, "mostly firm (0.75 to 0.9)"},
            {0.5, 0.75, "uncertain (0.5 to 0.75)"},
            {0.0, 0.5, "arbitrary (below 0.5)"}};
}

std::string areas_confidence_style() {
    const char* name = "areas_confidence.qml";
    XmlPtr root = parse_template(areas_confidence_style_qml(), name);
    CPLXMLNode* renderer = need_node(qgis_element(root, name), "renderer-v2", name);
    const std::vector<ConfidenceClass> classes = confidence_classes();
    expand_classes(need_node(renderer, "ranges", name), "range", need_node(renderer, "symbols", name),
                   classes.size(), name, [&](std::size_t i, CPLXMLNode* range, CPLXMLNode* symbol) {
                       CPLSetXMLValue(range, "#lower", fmt::format("{}", classes[i].lower).c_str());
                       CPLSetXMLValue(range, "#upper", fmt::format("{}", classes[i].upper).c_str());
                       CPLSetXMLValue(range, "#label", classes[i].label.c_str());
                       set_fill_colour(symbol, k_confidence[i % k_confidence.size()], name);
                   });
    return serialise(root);
}

std::string service_areas_style(const std::string& id_field) {
    const char* name = "service_areas.qml";
    XmlPtr root = parse_template(service_areas_style_qml(), name);
    CPLSetXMLValue(need_node(qgis_element(root, name), "labeling.settings.text-style", name), "#fieldName",
                   id_field.c_str());
    return serialise(root);
}

}  // namespace locality::output
