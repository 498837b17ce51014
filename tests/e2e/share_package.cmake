# SPDX-License-Identifier: MIT
# Included by the setup.cmake of the e2e cases of counts packages (issue 16): a partner's package of
# the grid's cases, written by `locality overlay --share` to ${WORK_DIR}/pkg (one folder per agency).
execute_process(COMMAND "${LOCALITY}" overlay --areas "${SOURCE_DIR}/data/fixtures/grid3x3.geojson" --area-id cell_id
        --population pop --cases "${SOURCE_DIR}/data/fixtures/points3x3.csv" --agency-field agency
        --cases-crs EPSG:32618 --output "${WORK_DIR}/partner" --share "${WORK_DIR}/pkg" --period 2018-06 --quiet
    RESULT_VARIABLE share_code ERROR_VARIABLE share_err)
if(NOT share_code EQUAL 0)
    message(FATAL_ERROR "setup: locality overlay --share exited ${share_code}: ${share_err}")
endif()
