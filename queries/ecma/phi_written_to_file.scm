; phi-written-to-file (PHI201)

; fs.writeFileSync("out.json", JSON.stringify(patient))
; await fs.promises.appendFile(path, line)
; await FileSystem.writeAsStringAsync(uri, JSON.stringify(entry)) (expo-file-system), RNFS.writeFile
(call_expression
  function: (member_expression
    object: (_) @receiver
    property: (property_identifier) @method)
  arguments: (arguments) @args
  (#any-of? @method "writeFile" "writeFileSync" "appendFile" "appendFileSync" "outputFile" "outputFileSync" "writeJson" "writeJsonSync" "outputJson" "outputJsonSync" "write" "end" "writeAsStringAsync")) @sink

; import { writeFile } from "fs/promises"; writeFile(path, data)
(call_expression
  function: (identifier) @method
  arguments: (arguments) @args
  (#any-of? @method "writeFile" "writeFileSync" "appendFile" "appendFileSync")) @sink
