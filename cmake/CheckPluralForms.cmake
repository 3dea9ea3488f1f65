# A CTest guard: translations/kpi-collector_en.ts holds every "%n" message of core/, ui/
# and app/, each with its two English forms filled in ("%n value" / "%n values"). Fails when
# lupdate would change the file (a %n message added, changed or removed in the sources) or
# when a form is missing, empty, unfinished or still says "(s)". Offline; lupdate only.
# Run: cmake -DLUPDATE=lupdate -DTS_FILE=… -DLIST_FILE=…lst -DWORK_DIR=… "-DOPTIONS=…" -P …
foreach(var LUPDATE TS_FILE LIST_FILE WORK_DIR)
  if(NOT ${var})
    message(FATAL_ERROR "CheckPluralForms: ${var} is not set")
  endif()
endforeach()
separate_arguments(options UNIX_COMMAND "${OPTIONS}")
set(fix "Run `cmake --build --preset ci --target update_translations`, then fill in both \
<numerusform>s of every new message in ${TS_FILE} (singular, plural) and drop \
type=\"unfinished\" (docs/architecture.md).")

# 1. Up to date: lupdate on a copy changes nothing.
file(MAKE_DIRECTORY "${WORK_DIR}")
get_filename_component(name "${TS_FILE}" NAME)
set(copy "${WORK_DIR}/${name}")
file(COPY_FILE "${TS_FILE}" "${copy}")
execute_process(COMMAND "${LUPDATE}" ${options} "@${LIST_FILE}" -ts "${copy}"
  RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "lupdate failed (${status}):\n${output}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${TS_FILE}" "${copy}"
  RESULT_VARIABLE different)
if(different)
  find_program(DIFF diff)
  if(DIFF) # to the test's output as it is; message() would rewrap it
    execute_process(COMMAND "${DIFF}" -u "${TS_FILE}" "${copy}")
  endif()
  message(FATAL_ERROR "${TS_FILE} is out of date with the %n messages in the sources "
    "(lupdate's version is ${copy}). ${fix}")
endif()

# 2. Complete: every message is a numerus one with two non-empty, finished forms.
file(STRINGS "${TS_FILE}" lines)
set(problems "")
set(source "")
set(forms 0)
set(count 0)
foreach(line IN LISTS lines)
  if(line MATCHES "<message>" OR line MATCHES "<message [^>]*>")
    if(NOT line MATCHES "numerus=\"yes\"")
      list(APPEND problems "a message without numerus=\"yes\": ${line} (the file holds plurals only)")
    endif()
    set(source "")
    set(forms 0)
  elseif(line MATCHES "<source>(.*)</source>")
    set(source "${CMAKE_MATCH_1}")
  elseif(line MATCHES "<translation")
    if(line MATCHES "type=")
      list(APPEND problems "\"${source}\": ${line}")
    endif()
  elseif(line MATCHES "<numerusform(/>|></numerusform>)")
    math(EXPR forms "${forms} + 1")
    list(APPEND problems "\"${source}\": an empty form")
  elseif(line MATCHES "<numerusform>(.*)</numerusform>")
    math(EXPR forms "${forms} + 1")
    set(form "${CMAKE_MATCH_1}")
    if(form MATCHES "\\((s|es)\\)")
      list(APPEND problems "\"${source}\": form ${forms} still says \"(s)\": ${form}")
    endif()
    if(source MATCHES "%L?n" AND NOT form MATCHES "%L?n")
      list(APPEND problems "\"${source}\": form ${forms} has no %n: ${form}")
    endif()
  elseif(line MATCHES "</message>")
    math(EXPR count "${count} + 1")
    if(NOT forms EQUAL 2)
      list(APPEND problems "\"${source}\": ${forms} forms; English has two (singular, plural)")
    endif()
  endif()
endforeach()
if(problems)
  list(JOIN problems "\n  " report)
  message(FATAL_ERROR "${TS_FILE} has unfinished plural forms:\n  ${report}\n${fix}")
endif()
message(STATUS "${name}: ${count} plural messages, all up to date and filled in")
