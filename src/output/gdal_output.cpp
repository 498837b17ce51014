// SPDX-License-Identifier: MIT
#include "gdal_output.hpp"

#include <cpl_error.h>
#include <cpl_vsi.h>

#include <cmath>
#include <type_traits>

#include "io/gdal_glue.hpp"
#include "locality/core/error.hpp"

namespace locality::output {

[[noreturn]] void throw_gdal(const std::string& path, const std::string& what) {
    io::detail::throw_gdal_error("cannot write '" + path + "': " + what);
}

GDALDriver* driver_or_throw(const char* name, const std::string& path) {
    io::detail::ensure_gdal_registered();
    GDALDriver* driver = GetGDALDriverManager()->GetDriverByName(name);
    if (driver == nullptr) {
        throw IoError("cannot write '" + path + "': GDAL has no " + std::string(name) + " driver");
    }
    return driver;
}

void check_table(const std::string& path, const Table& table) {
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (table.rows[r].size() != table.fields.size()) {
            throw InputError("cannot write '" + path + "': row " + std::to_string(r + 1) + " has " +
                             std::to_string(table.rows[r].size()) + " values for " +
                             std::to_string(table.fields.size()) + " fields");
        }
    }
}

namespace {

OGRFieldType ogr_type(FieldType type) {
    switch (type) {
        case FieldType::integer:
            return OFTInteger64;
        case FieldType::real:
            return OFTReal;
        case FieldType::string:
            break;
    }
    return OFTString;
}

}  // namespace

void create_fields(OGRLayer& layer, const Table& table, const std::string& path) {
    for (const auto& field : table.fields) {
        OGRFieldDefn defn(field.name.c_str(), ogr_type(field.type));
        if (layer.CreateField(&defn) != OGRERR_NONE) {
            throw_gdal(path, "cannot create field '" + field.name + "'");
        }
    }
}

// Null cells, and non-finite reals (JSON has no NaN), are written as null.
void set_fields(OGRFeature& feature, const std::vector<Value>& row) {
    for (std::size_t i = 0; i < row.size(); ++i) {
        const int index = static_cast<int>(i);
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::monostate>) {
                    feature.SetFieldNull(index);
                } else if constexpr (std::is_same_v<T, std::int64_t>) {
                    feature.SetField(index, static_cast<GIntBig>(v));
                } else if constexpr (std::is_same_v<T, double>) {
                    if (std::isfinite(v)) {
                        feature.SetField(index, v);
                    } else {
                        feature.SetFieldNull(index);
                    }
                } else {
                    feature.SetField(index, v.c_str());
                }
            },
            row[i]);
    }
}

// Deletes an existing file at `path`: the drivers refuse (CSV) or half-honour existing files.
void remove_existing(const std::string& path) {
    VSIStatBufL stat{};
    if (VSIStatL(path.c_str(), &stat) == 0 && VSI_ISREG(stat.st_mode) && VSIUnlink(path.c_str()) != 0) {
        throw IoError("cannot replace '" + path + "'");
    }
}

// Closes the dataset and turns a failure while flushing into an exception.
void close_dataset(GDALDatasetUniquePtr& dataset, const std::string& path) {
    CPLErrorReset();
    dataset.reset();
    if (CPLGetLastErrorType() >= CE_Failure) {
        throw_gdal(path, "cannot finish the file");
    }
}

}  // namespace locality::output
