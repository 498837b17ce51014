// SPDX-License-Identifier: MIT
#include "locality/geom/thread_geometries.hpp"

#include <utility>

#include "locality/core/error.hpp"

namespace locality::geom {

ThreadGeometries::ThreadGeometries(const std::vector<Wkb>& layer, std::string what, std::string hint)
    : m_layer(layer),
      m_what(std::move(what)),
      m_hint(std::move(hint)),
      m_geoms(layer.size()),
      m_prepared(layer.size()) {}

const GEOSGeometry* ThreadGeometries::parse(std::size_t i) const {
    try {
        m_geoms[i] = from_wkb(m_ctx, m_layer[i]);
    } catch (const GeometryError& e) {
        throw GeometryError(m_what + " " + std::to_string(i) + ": " + e.what() + m_hint);
    }
    return m_geoms[i].get();
}

const GEOSPreparedGeometry* ThreadGeometries::prepare_one(std::size_t i) const {
    m_prepared[i] = prepare(m_ctx, geom(i));
    return m_prepared[i].get();
}

bool ThreadGeometries::predicate(char result, const char* name) const {
    if (result == 2) {
        throw GeometryError(std::string("GEOS ") + name + " failed: " + m_ctx.last_error());
    }
    return result == 1;
}

}  // namespace locality::geom
