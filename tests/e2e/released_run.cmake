# SPDX-License-Identifier: MIT
# Included by the setup.cmake of the e2e cases of --released (decision 0041): an earlier proposal of
# the 3 x 3 grid's cases written to ${WORK_DIR}/first, as partners would hold it. RELEASED_CASES (the
# cases file, default the grid's points) and RELEASED_ARGS (more options) vary it.
if(NOT DEFINED RELEASED_CASES)
    set(RELEASED_CASES "${SOURCE_DIR}/data/fixtures/points3x3.csv")
endif()
execute_process(COMMAND "${LOCALITY}" propose --areas "${SOURCE_DIR}/data/fixtures/grid3x3.geojson" --area-id cell_id
        --population pop --cases "${RELEASED_CASES}" --agency-field agency --cases-crs EPSG:32618 --k 2
        --seed 1 ${RELEASED_ARGS} --output "${WORK_DIR}/first" --quiet
    RESULT_VARIABLE released_code ERROR_VARIABLE released_err)
if(NOT released_code EQUAL 0)
    message(FATAL_ERROR "setup: the earlier locality propose exited ${released_code}: ${released_err}")
endif()
