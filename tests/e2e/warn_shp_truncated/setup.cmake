# SPDX-License-Identifier: MIT
file(COPY "${SOURCE_DIR}/data/fixtures/grid_noprj.shp" "${SOURCE_DIR}/data/fixtures/grid_noprj.shx" "${SOURCE_DIR}/data/fixtures/grid_noprj.dbf" DESTINATION "${WORK_DIR}")
execute_process(COMMAND head -c 300 "${SOURCE_DIR}/data/fixtures/grid_noprj.shp" OUTPUT_FILE "${WORK_DIR}/cut.shp")
file(RENAME "${WORK_DIR}/cut.shp" "${WORK_DIR}/grid_noprj.shp")
