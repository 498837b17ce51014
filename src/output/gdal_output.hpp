// SPDX-License-Identifier: MIT
// Internal to output: what every GDAL writer of the module shares (driver lookup, the file error
// message, fields and values of a Table). Registration and the GDAL error bridge are io's
// (io/gdal_glue.hpp).
#pragma once

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include <memory>
#include <string>
#include <vector>

#include "locality/io/crs.hpp"
#include "locality/output/table.hpp"

namespace locality::output {

// Spatial references are reference-counted: one owner type for io and output (locality/io/crs.hpp).
using io::SrsPtr;

/** Throws IoError "cannot write 'path': what (GDAL's last message)", through the one bridge
 * (io::detail::throw_gdal_error). */
[[noreturn]] void throw_gdal(const std::string& path, const std::string& what);

/** The driver `name`, or IoError naming `path`. */
GDALDriver* driver_or_throw(const char* name, const std::string& path);

/** Checks that every row has one value per field; InputError naming the row otherwise. */
void check_table(const std::string& path, const Table& table);

/** Creates the fields of `table` on `layer`. */
void create_fields(OGRLayer& layer, const Table& table, const std::string& path);

/** Sets the values of `row` on `feature`: null cells and non-finite reals are written as null. */
void set_fields(OGRFeature& feature, const std::vector<Value>& row);

/** Deletes an existing regular file at `path`: the drivers refuse (CSV) or half-honour existing files. */
void remove_existing(const std::string& path);

/** Closes the dataset and turns a failure while flushing into an exception. */
void close_dataset(GDALDatasetUniquePtr& dataset, const std::string& path);

}  // namespace locality::output
