// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "locality/core/error.hpp"
#include "locality/geom/geos_context.hpp"

namespace locality::overlay::detail {

/**
 * One thread's private copy of a polygon layer: its own GEOS context, the parsed geometries and
 * their prepared versions. GEOS contexts are not thread-safe and prepared geometries build their
 * indexes lazily on first use, so sharing one copy between threads would race; each worker
 * builds its own (tbb::enumerable_thread_specific) instead.
 */
class ThreadGeoms {
public:
    /** Parses every WKB of `layer` (`what` names the layer in error messages). */
    ThreadGeoms(const std::vector<geom::Wkb>& layer, const char* what) {
        m_geoms.reserve(layer.size());
        m_prepared.reserve(layer.size());
        for (std::size_t i = 0; i < layer.size(); ++i) {
            try {
                m_geoms.push_back(geom::from_wkb(m_ctx, layer[i]));
            } catch (const GeometryError& e) {
                throw GeometryError(std::string(what) + " " + std::to_string(i) + ": " + e.what());
            }
            m_prepared.push_back(geom::prepare(m_ctx, m_geoms.back().get()));
        }
    }

    const geom::GeosContext& ctx() const noexcept { return m_ctx; }
    GEOSContextHandle_t handle() const noexcept { return m_ctx.handle(); }
    const GEOSGeometry* geom(std::size_t i) const noexcept { return m_geoms[i].get(); }
    const GEOSPreparedGeometry* prepared(std::size_t i) const noexcept { return m_prepared[i].get(); }
    std::size_t size() const noexcept { return m_geoms.size(); }

    /** Turns a GEOS predicate result (0, 1, 2 = exception) into a bool or a GeometryError. */
    bool predicate(char result, const char* name) const {
        if (result == 2) {
            throw GeometryError(std::string("GEOS ") + name + " failed: " + m_ctx.last_error());
        }
        return result == 1;
    }

private:
    // Declaration order matters: prepared geometries die before the geometries they point
    // to, and both before the context.
    geom::GeosContext m_ctx;
    std::vector<geom::GeomPtr> m_geoms;
    std::vector<geom::PreparedPtr> m_prepared;
};

}  // namespace locality::overlay::detail
