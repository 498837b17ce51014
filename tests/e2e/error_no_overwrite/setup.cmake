file(WRITE "${out_dir}/summary.json" "{}")
