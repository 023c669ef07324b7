; phi-written-to-file (PHI201)

; fh.write(record)
; Path(p).write_text(text)
; csv.writer(fh).writerow(row)
; json.dump(record, fh)
; patients_df.to_csv("out.csv")
; sqlite3.connect("app.db").execute("INSERT INTO p VALUES (?)", (patient.ssn,))
(call
  function: (attribute
    object: (_) @receiver
    attribute: (identifier) @method)
  arguments: (argument_list) @args
  (#any-of? @method "write" "writelines" "write_text" "write_bytes" "writerow" "writerows" "dump" "to_csv" "to_json" "to_parquet" "to_excel" "to_pickle" "to_feather" "execute" "executemany")) @sink

; db = shelve.open("cache"); db[key] = record
(assignment
  left: (subscript
    value: (identifier) @receiver)
  right: (_) @value) @sink
