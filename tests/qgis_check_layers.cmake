# SPDX-License-Identifier: MIT
# Opens every layer of a proposal in real QGIS with the style it ships with, and renders it:
#   cmake -DTOOL=.../qgis-check -DOUT=<output folder> -DLAYERS=localities,areas,service_police -P qgis_check_layers.cmake
# localities.geojson with its sidecar localities.qml (not with -DGEOJSON=OFF: a run with --format gpkg),
# then each layer of localities.gpkg with no --style: QGIS must find the style itself in layer_styles
# (qgis-check reports the renderer it got, and fails when the rendered map is blank).
# The ctest entry skips it (exit 77) when the tool is absent.
if(NOT EXISTS "${TOOL}")
    message(FATAL_ERROR "qgis-check not found at ${TOOL}")
endif()

function(check_layer source expected_renderer png)
    execute_process(COMMAND "${TOOL}" ${source} --png "${png}" RESULT_VARIABLE code OUTPUT_VARIABLE out
        ERROR_VARIABLE err)
    message("${out}")
    if(NOT code EQUAL 0)
        message(FATAL_ERROR "qgis-check failed on ${source}:\n${out}${err}")
    endif()
    if(NOT out MATCHES "renderer=${expected_renderer}")
        message(FATAL_ERROR "${source}: QGIS did not apply the style (expected renderer ${expected_renderer})")
    endif()
endfunction()

if(NOT DEFINED GEOJSON OR GEOJSON)
    check_layer("${OUT}/localities.geojson;--style;${OUT}/localities.qml" categorizedSymbol
                "${OUT}/qgis_localities_geojson.png")
endif()
string(REPLACE "," ";" layers "${LAYERS}")
foreach(layer IN LISTS layers)
    set(renderer singleSymbol)
    if(layer STREQUAL "localities")
        set(renderer categorizedSymbol)
    elseif(layer STREQUAL "areas")
        set(renderer graduatedSymbol)
    endif()
    check_layer("${OUT}/localities.gpkg|layername=${layer}" ${renderer} "${OUT}/qgis_${layer}.png")
endforeach()
