// SPDX-License-Identifier: MIT
#pragma once

#include <stdexcept>
#include <string>

namespace locality {

/** Base of every error the library throws. The message is one actionable line for the user. */
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/** The command line or the options are malformed (exit code 2). */
class UsageError : public Error {
public:
    using Error::Error;
};

/** An input is unusable: missing field, unknown layer, duplicate ids, empty layer, bad CRS. */
class InputError : public Error {
public:
    using Error::Error;
};

/** A GDAL or file-system operation failed; carries GDAL's CPLE error number when there is one. */
class IoError : public Error {
public:
    explicit IoError(const std::string& message, int gdal_error_number = 0)
        : Error(message), m_gdal_error_number(gdal_error_number) {}
    /** GDAL CPLErrorNum, or 0 when the failure did not come from GDAL. */
    int gdal_error_number() const noexcept { return m_gdal_error_number; }

private:
    int m_gdal_error_number;
};

/** A GEOS operation failed on a geometry that could not be repaired. */
class GeometryError : public Error {
public:
    using Error::Error;
};

/** The constraints cannot be met (a floor above the total, k above the number of areas...). */
class InfeasibleError : public Error {
public:
    using Error::Error;
};

/** The user cancelled the run through the progress callback. */
class CancelledError : public Error {
public:
    using Error::Error;
};

}  // namespace locality
