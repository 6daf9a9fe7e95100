# FindSOCI.cmake - locate SOCI as Debian packages it (no CMake config, no pkg-config file).
#
# Components: sqlite3, postgresql (backends). Defines imported targets named like upstream's:
#   SOCI::soci_core, SOCI::soci_sqlite3, SOCI::soci_postgresql
# and SOCI_FOUND / SOCI_<component>_FOUND / SOCI_INCLUDE_DIR.
#
# Shared libraries only: Debian's libsoci_*.a are not position-independent and cannot go into a plugin.

find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)

set(_soci_backend_deps_sqlite3 "")
set(_soci_backend_deps_postgresql "")

foreach(_comp IN LISTS SOCI_FIND_COMPONENTS)
  find_library(SOCI_${_comp}_LIBRARY NAMES soci_${_comp})
  if(SOCI_${_comp}_LIBRARY)
    set(SOCI_${_comp}_FOUND TRUE)
  else()
    set(SOCI_${_comp}_FOUND FALSE)
  endif()
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI
  REQUIRED_VARS SOCI_CORE_LIBRARY SOCI_INCLUDE_DIR
  HANDLE_COMPONENTS)

if(SOCI_FOUND AND NOT TARGET SOCI::soci_core)
  # Debian's soci-config.h defines SOCI_HAVE_BOOST, so Boost headers are part of SOCI's interface.
  find_package(Boost 1.74 REQUIRED)
  add_library(SOCI::soci_core SHARED IMPORTED)
  set_target_properties(SOCI::soci_core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "Boost::headers")
  foreach(_comp IN LISTS SOCI_FIND_COMPONENTS)
    if(SOCI_${_comp}_FOUND)
      add_library(SOCI::soci_${_comp} SHARED IMPORTED)
      set_target_properties(SOCI::soci_${_comp} PROPERTIES
        IMPORTED_LOCATION "${SOCI_${_comp}_LIBRARY}"
        INTERFACE_LINK_LIBRARIES "SOCI::soci_core")
    endif()
  endforeach()
  if(TARGET SOCI::soci_postgresql)
    # soci-postgresql.h includes <libpq-fe.h>.
    find_package(PostgreSQL REQUIRED)
    set_property(TARGET SOCI::soci_postgresql APPEND PROPERTY
      INTERFACE_LINK_LIBRARIES PostgreSQL::PostgreSQL)
  endif()
  if(TARGET SOCI::soci_sqlite3)
    find_package(SQLite3 REQUIRED)
    set_property(TARGET SOCI::soci_sqlite3 APPEND PROPERTY
      INTERFACE_LINK_LIBRARIES SQLite::SQLite3)
  endif()
endif()

mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_sqlite3_LIBRARY SOCI_postgresql_LIBRARY)
