# SPDX-License-Identifier: MIT
# The verbs CMake knows (LOCALITY_VERBS, which drives the per-verb tests) are exactly the subcommands
# `locality --help` lists, in its order: the command table (src/cli/command_table.cpp) is the one list.
#   -DLOCALITY=path/to/locality "-DVERBS=propose;overlay;..."
execute_process(COMMAND "${LOCALITY}" --help OUTPUT_VARIABLE help RESULT_VARIABLE code)
if(NOT code EQUAL 0)
    message(FATAL_ERROR "locality --help exited ${code}")
endif()
string(FIND "${help}" "Subcommands:" at)
if(at EQUAL -1)
    message(FATAL_ERROR "locality --help lists no Subcommands")
endif()
string(SUBSTRING "${help}" ${at} -1 commands)
string(FIND "${commands}" "\n\n" end)
string(SUBSTRING "${commands}" 0 ${end} commands)
string(REGEX MATCHALL "\n  [a-z]+ " lines "${commands}")
set(listed "")
foreach(line IN LISTS lines)
    string(STRIP "${line}" verb)
    list(APPEND listed "${verb}")
endforeach()
if(NOT "${listed}" STREQUAL "${VERBS}")
    message(FATAL_ERROR "locality --help lists the commands '${listed}' but LOCALITY_VERBS (CMakeLists.txt) is "
                        "'${VERBS}': list the command table's verbs (src/cli/command_table.cpp) there, in its order")
endif()
