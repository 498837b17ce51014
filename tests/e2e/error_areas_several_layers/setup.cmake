# SPDX-License-Identifier: MIT
# A folder of two shapefiles is one source with two layers (as a GeoPackage of tracts of two years is):
# without |layername= the first one used to be read silently.
foreach(year IN ITEMS 2010 2020)
    foreach(ext IN ITEMS shp shx dbf)
        configure_file("${SOURCE_DIR}/data/fixtures/grid_noprj.${ext}" "${WORK_DIR}/tracts/grid_${year}.${ext}" COPYONLY)
    endforeach()
endforeach()
