# SPDX-License-Identifier: MIT
# Two counts packages of the grid's cases by one partner: the whole of 2018, and its June alone.
foreach(period 2018 2018-06)
    execute_process(COMMAND "${LOCALITY}" overlay --areas "${SOURCE_DIR}/data/fixtures/grid3x3.geojson"
            --area-id cell_id --population pop --cases "${SOURCE_DIR}/data/fixtures/points3x3.csv"
            --agency-field agency --cases-crs EPSG:32618 --output "${WORK_DIR}/partner_${period}"
            --share "${WORK_DIR}/pkg_${period}" --period ${period} --quiet
        RESULT_VARIABLE share_code ERROR_VARIABLE share_err)
    if(NOT share_code EQUAL 0)
        message(FATAL_ERROR "setup: locality overlay --share exited ${share_code}: ${share_err}")
    endif()
endforeach()
