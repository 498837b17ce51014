// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "locality/geom/geos_context.hpp"

namespace locality::geom {

/**
 * One thread's private copy of a layer: its own GEOS context, the geometries parsed from the
 * layer's WKB and their prepared versions, each made on first use and kept. GEOS contexts are not
 * thread-safe and prepared geometries build their indexes lazily, so sharing one copy between
 * threads would race; each worker keeps its own (tbb::enumerable_thread_specific). The const
 * accessors fill the cache, which is safe because the object belongs to one thread.
 *
 * A geometry that cannot be parsed throws GeometryError "WHAT i: reason HINT" (`what` names the
 * layer, `hint` says what to do, e.g. " (re-export the area layer)").
 */
class ThreadGeometries {
public:
    /** Keeps a reference to `layer`, which must outlive this object. Parses nothing yet. */
    ThreadGeometries(const std::vector<Wkb>& layer, std::string what, std::string hint = {});

    const GeosContext& ctx() const noexcept { return m_ctx; }
    GEOSContextHandle_t handle() const noexcept { return m_ctx.handle(); }
    /** Geometry `i` of the layer, parsed on first use. */
    const GEOSGeometry* geom(std::size_t i) const { return m_geoms[i] ? m_geoms[i].get() : parse(i); }
    /** Prepared geometry `i`, prepared on first use (and kept: for geometries tested again and again). */
    const GEOSPreparedGeometry* prepared(std::size_t i) const {
        return m_prepared[i] ? m_prepared[i].get() : prepare_one(i);
    }
    std::size_t size() const noexcept { return m_layer.size(); }

    /** Turns a GEOS predicate result (0, 1, 2 = exception) into a bool or a GeometryError. */
    bool predicate(char result, const char* name) const;

private:
    const GEOSGeometry* parse(std::size_t i) const;
    const GEOSPreparedGeometry* prepare_one(std::size_t i) const;

    const std::vector<Wkb>& m_layer;
    std::string m_what;
    std::string m_hint;
    // Declaration order matters: prepared geometries die before the geometries they point to, and
    // both before the context.
    GeosContext m_ctx;
    mutable std::vector<GeomPtr> m_geoms;
    mutable std::vector<PreparedPtr> m_prepared;
};

}  // namespace locality::geom
