# SPDX-License-Identifier: MIT
# Opens a run's report.html in headless Chromium and checks what a reader would see:
#   cmake -DCHROMIUM=... -DOUT_DIR=<a propose output folder> -DWORK_DIR=... -P check_report_dom.cmake
# The DOM must hold the map (one path per locality, one switch per service-area layer), every section
# and the tables; the file must reference no URL but the SVG/XHTML namespaces and stay under 2 MB.
# Also writes WORK_DIR/report.png, a screenshot to look at.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}/profile")
set(report "${OUT_DIR}/report.html")
file(READ "${OUT_DIR}/summary.json" summary)
string(JSON localities GET "${summary}" localities count)
string(JSON service_layers LENGTH "${summary}" service_areas)

set(chromium_flags --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
    --disable-sync --no-first-run --user-data-dir=${WORK_DIR}/profile)
execute_process(COMMAND "${CHROMIUM}" ${chromium_flags} --dump-dom "file://${report}"
    RESULT_VARIABLE code OUTPUT_VARIABLE dom ERROR_VARIABLE ignored TIMEOUT 120)
if(NOT code EQUAL 0 OR dom STREQUAL "")
    message(FATAL_ERROR "chromium could not render ${report} (exit ${code})")
endif()
file(WRITE "${WORK_DIR}/report.dom.html" "${dom}")

function(expect_count pattern expected what)
    string(REGEX MATCHALL "${pattern}" found "${dom}")
    list(LENGTH found n)
    if(NOT n EQUAL expected)
        message(FATAL_ERROR "${what}: found ${n}, expected ${expected}")
    endif()
endfunction()
expect_count("<path class=\"locality\"" ${localities} "map paths, one per locality")
expect_count("<input type=\"checkbox\" id=\"ol[0-9]+\"" ${service_layers} "map switches, one per service-area layer")
expect_count("<figure class=\"profile\">" ${localities} "profile charts, one per locality")
foreach(section map profiles table alignment checks accounting repeat)
    expect_count("<section id=\"${section}\">" 1 "section '${section}'")
endforeach()
string(REGEX MATCHALL "<table>" tables "${dom}")
list(LENGTH tables table_count)
if(table_count LESS 6)
    message(FATAL_ERROR "only ${table_count} tables in the report")
endif()
# The locality table holds one row per locality (plus the header).
string(REGEX MATCH "<section id=\"table\">.*</section>.*<section id=\"alignment\">" table_section "${dom}")
string(REGEX MATCHALL "<tr>" rows "${table_section}")
list(LENGTH rows row_count)
math(EXPR expected_rows "${localities} + 1")
if(NOT row_count EQUAL expected_rows)
    message(FATAL_ERROR "locality table: ${row_count} rows, expected ${expected_rows}")
endif()

# Self-contained: no URL but XML namespaces, nothing loaded.
file(READ "${report}" html)
string(REGEX MATCHALL "https?://[^\"' <>)]*" urls "${html}")
list(REMOVE_ITEM urls "http://www.w3.org/2000/svg" "http://www.w3.org/1999/xhtml")
if(urls)
    message(FATAL_ERROR "report.html references URLs: ${urls}")
endif()
if(html MATCHES "<script|<link|<img|@import|url\\(")
    message(FATAL_ERROR "report.html loads or runs something (script, link, img, @import or url())")
endif()
file(SIZE "${report}" bytes)
if(bytes GREATER 2000000)
    message(FATAL_ERROR "report.html is ${bytes} bytes; the map's simplification should keep it under 2 MB")
endif()

execute_process(COMMAND "${CHROMIUM}" ${chromium_flags} --window-size=1200,1600 --screenshot=${WORK_DIR}/report.png
    "file://${report}" RESULT_VARIABLE shot OUTPUT_QUIET ERROR_QUIET TIMEOUT 120)
if(NOT shot EQUAL 0 OR NOT EXISTS "${WORK_DIR}/report.png")
    message(FATAL_ERROR "chromium could not take a screenshot of ${report}")
endif()
message(STATUS "report.html: ${bytes} bytes, ${localities} localities, ${table_count} tables; screenshot ${WORK_DIR}/report.png")
