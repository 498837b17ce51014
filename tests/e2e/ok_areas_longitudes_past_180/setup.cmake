# SPDX-License-Identifier: MIT
# Nine lon/lat cells at 200.00-200.03 E (0-360 longitudes, as some Pacific data sets write them) and two
# cases given at -160 (the same meridian): beyond 180 yet not projected coordinates, so the check of
# areas read as degrees (|x| > 360) lets them through and both cases count.
set(features "")
foreach(i RANGE 2)
    foreach(j RANGE 2)
        math(EXPR x0 "20000 + ${i}")
        math(EXPR x1 "${x0} + 1")
        math(EXPR y0 "1700 - ${j}")
        math(EXPR y1 "${y0} - 1")
        set(a "${x0}e-2")
        set(b "${x1}e-2")
        set(c "-${y0}e-2")
        set(d "-${y1}e-2")
        if(features)
            string(APPEND features ",\n")
        endif()
        string(APPEND features "{\"type\": \"Feature\", \"properties\": {\"cell_id\": \"c${i}${j}\", \"pop\": 100}, "
               "\"geometry\": {\"type\": \"Polygon\", \"coordinates\": [[[${a}, ${c}], [${b}, ${c}], [${b}, ${d}], "
               "[${a}, ${d}], [${a}, ${c}]]]}}")
    endforeach()
endforeach()
file(WRITE "${WORK_DIR}/cells.geojson" "{\"type\": \"FeatureCollection\", \"features\": [\n${features}\n]}\n")
file(WRITE "${WORK_DIR}/cases.csv" "agency,lon,lat\na,-159.995,-16.995\na,-159.985,-16.985\n")
