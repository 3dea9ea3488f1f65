# kpi_add_test(NAME name SOURCES ... [LIBS ...] [LABELS ...] [TIMEOUT seconds] [KEYRING] [POSTGRES])
# One Qt Test executable per class; runs offscreen, in UTC, with a UTF-8 locale.
# KEYRING runs it inside scripts/with-keyring.sh: a private D-Bus session with a fresh,
# unlocked gnome-keyring, so keychain tests use the real Secret Service and never the
# keyring of whoever runs them (label "keychain"). POSTGRES runs it with a throw-away
# PostgreSQL server from scripts/with-postgres.sh (label "postgres").
function(kpi_add_test)
  cmake_parse_arguments(ARG "KEYRING;POSTGRES" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT" ${ARGN})
  add_executable(${ARG_NAME} ${ARG_SOURCES})
  target_link_libraries(${ARG_NAME} PRIVATE kpi_options kpi_testsupport Qt6::Test ${ARG_LIBS})
  set(command $<TARGET_FILE:${ARG_NAME}>)
  if(ARG_KEYRING)
    list(PREPEND command "${PROJECT_SOURCE_DIR}/scripts/with-keyring.sh")
    list(APPEND ARG_LABELS keychain)
  endif()
  if(ARG_POSTGRES)
    list(PREPEND command "${PROJECT_SOURCE_DIR}/scripts/with-postgres.sh")
    list(APPEND ARG_LABELS postgres)
  endif()
  add_test(NAME ${ARG_NAME} COMMAND ${command})
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set_tests_properties(${ARG_NAME} PROPERTIES
    LABELS "${ARG_LABELS}"
    TIMEOUT ${ARG_TIMEOUT}
    ENVIRONMENT "QT_QPA_PLATFORM=offscreen;LANG=C.UTF-8;LC_ALL=C.UTF-8;TZ=UTC;QT_LOGGING_RULES=kpi.*.info=false;${ARG_ENVIRONMENT}")
endfunction()
