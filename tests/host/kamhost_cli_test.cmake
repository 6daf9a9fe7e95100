# kamhost_cli_test.cmake - runs kamhost as an admin would and checks output and exit codes.
# cmake -DKAMHOST=path -DPLUGIN=path/libkam.so -DWORKDIR=dir -P kamhost_cli_test.cmake
set(passed 0)
set(failed 0)
file(REMOVE_RECURSE "${WORKDIR}")
file(MAKE_DIRECTORY "${WORKDIR}")

# run(NAME EXIT code [STDOUT regex...] [STDERR regex...] [NOT_STDOUT regex] [ENV VAR=value] ARGS ...)
function(run name)
  cmake_parse_arguments(R "" "EXIT" "STDOUT;STDERR;NOT_STDOUT;ENV;ARGS" ${ARGN})
  execute_process(COMMAND ${CMAKE_COMMAND} -E env --unset=KAM_PLUGIN ${R_ENV} "${KAMHOST}" ${R_ARGS}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err WORKING_DIRECTORY "${WORKDIR}")
  set(problems "")
  if(NOT rc STREQUAL R_EXIT)
    string(APPEND problems "  exit ${rc}, expected ${R_EXIT}\n")
  endif()
  foreach(re IN LISTS R_STDOUT)
    if(NOT out MATCHES "${re}")
      string(APPEND problems "  stdout does not match '${re}'\n")
    endif()
  endforeach()
  foreach(re IN LISTS R_STDERR)
    if(NOT err MATCHES "${re}")
      string(APPEND problems "  stderr does not match '${re}'\n")
    endif()
  endforeach()
  foreach(re IN LISTS R_NOT_STDOUT)
    if(out MATCHES "${re}")
      string(APPEND problems "  stdout matches '${re}'\n")
    endif()
  endforeach()
  if(problems)
    message("FAIL ${name}: kamhost ${R_ARGS}\n${problems}  --- stdout:\n${out}  --- stderr:\n${err}")
    math(EXPR failed "${failed} + 1")
    set(failed ${failed} PARENT_SCOPE)
  else()
    math(EXPR passed "${passed} + 1")
    set(passed ${passed} PARENT_SCOPE)
  endif()
  set(last_stdout "${out}" PARENT_SCOPE)
endfunction()

set(good "${WORKDIR}/good.yaml")
file(WRITE "${good}" "kam: 1\ninstance:\n  name: cli-test\ndatabase:\n  url: sqlite:${WORKDIR}/kam.db\n")
set(bad "${WORKDIR}/bad.yaml")
file(WRITE "${bad}" "kam: 1\ndatabase:\n  url: sqlite:${WORKDIR}/kam.db\n  synchronus: full\nbogus: 1\n")

# Help and usage errors.
foreach(args "--help" "help" "-h")
  run("help ${args}" EXIT 0 ARGS ${args}
      STDOUT "usage: kamhost" "\n  help" "\n  version" "\n  check-config FILE" "\n  info --config FILE" "--plugin PATH")
endforeach()
run("help for one command" EXIT 0 ARGS help check-config STDOUT "usage: kamhost .*check-config FILE")
run("command --help" EXIT 0 ARGS info --help STDOUT "usage: kamhost .*info --config FILE")
run("no command" EXIT 2 STDERR "no command" "usage: kamhost")
run("unknown command" EXIT 2 ARGS frobnicate STDERR "unknown command 'frobnicate'")
run("unknown global option" EXIT 2 ARGS --frob version STDERR "unknown option '--frob'")
run("--plugin without value" EXIT 2 ARGS version --plugin STDERR "needs a value")
run("check-config without file" EXIT 2 ARGS --plugin "${PLUGIN}" check-config STDERR "exactly one FILE")
run("info without --config" EXIT 2 ARGS --plugin "${PLUGIN}" info STDERR "needs --config")

# version: kamhost's, the plugin's, the ABI; from --plugin and from KAM_PLUGIN.
run("version" EXIT 0 ARGS --plugin "${PLUGIN}" version
    STDOUT "^kamhost [0-9]+\\.[0-9]+\\.[0-9]+ \\(host ABI 1\\.[0-9]+\\)\n" "\nplugin [0-9]+\\.[0-9]+\\.[0-9]+[^ ]* \\(ABI 1\\.[0-9]+\\)\n"
           "plugin path ${PLUGIN} \\(--plugin\\)")
run("version from KAM_PLUGIN" EXIT 0 ENV "KAM_PLUGIN=${PLUGIN}" ARGS version STDOUT "\\(ABI 1\\.[0-9]+\\)" "\\(KAM_PLUGIN\\)")
run("--plugin after the command" EXIT 0 ARGS version "--plugin=${PLUGIN}" STDOUT "\\(ABI 1\\.")
run("missing plugin" EXIT 1 ARGS --plugin "${WORKDIR}/nonexistent/libkam.so" version
    STDOUT "^kamhost " STDERR "cannot load plugin")

# check-config: summary and exit 0; every error as file:line:column and exit 1; no database.
run("check-config good" EXIT 0 ARGS --plugin "${PLUGIN}" check-config "${good}" STDOUT "^config OK: instance 'cli-test'[^\n]*\n$")
run("check-config bad" EXIT 1 ARGS --plugin "${PLUGIN}" check-config "${bad}"
    STDERR "(^|\n)${bad}:4:3: [^\n]*synchronus" "\n${bad}:5:1: [^\n]*bogus")
run("check-config missing file" EXIT 1 ARGS --plugin "${PLUGIN}" check-config "${WORKDIR}/missing.yaml" STDERR "missing.yaml")
if(EXISTS "${WORKDIR}/kam.db")
  message("FAIL check-config created the database ${WORKDIR}/kam.db")
  math(EXPR failed "${failed} + 1")
endif()

# info: an instance, its JSON pretty-printed.
run("info" EXIT 0 ARGS --plugin "${PLUGIN}" info --config "${good}" STDOUT "\"instance_name\": \"cli-test\"" "\n  \"")
string(JSON name ERROR_VARIABLE json_error GET "${last_stdout}" config instance_name)
if(NOT name STREQUAL "cli-test")
  message("FAIL info output is not the expected JSON: ${json_error}")
  math(EXPR failed "${failed} + 1")
endif()
run("info bad config" EXIT 1 ARGS --plugin "${PLUGIN}" info --config "${bad}" STDERR "KAM_ERR_CONFIG" "bad.yaml:4:3")

message("kamhost_cli: ${passed} passed, ${failed} failed")
if(failed GREATER 0)
  message(FATAL_ERROR "kamhost_cli failed")
endif()
