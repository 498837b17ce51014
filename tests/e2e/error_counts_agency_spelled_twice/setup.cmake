include(${CASE_DIR}/../share_package.cmake)
# The same package sent twice, the second with the agency spelled 'Police': with --agency-spellings
# merge both count as one agency, so the same period would be counted twice.
file(COPY "${WORK_DIR}/pkg/police" DESTINATION "${WORK_DIR}/again")
file(READ "${WORK_DIR}/again/police/manifest.json" manifest)
string(REPLACE "\"agency\": \"police\"" "\"agency\": \"Police\"" manifest "${manifest}")
file(WRITE "${WORK_DIR}/again/police/manifest.json" "${manifest}")
