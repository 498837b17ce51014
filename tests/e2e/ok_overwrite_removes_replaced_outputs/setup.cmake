# The folder of an earlier run with --area-counts (its summary.json lists area_counts.csv), and a file
# of the user's own beside it.
file(MAKE_DIRECTORY "${WORK_DIR}/out")
file(WRITE "${WORK_DIR}/out/summary.json"
     "{\"locality_version\": \"0\", \"outputs\": [\"area_counts.csv\", \"assignment.csv\", \"summary.json\"]}\n")
file(WRITE "${WORK_DIR}/out/area_counts.csv" "area_id,locality\nc00,3\n")
file(WRITE "${WORK_DIR}/out/notes.csv" "note\nkeep me\n")
