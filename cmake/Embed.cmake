# chancery_embed(TARGET NAME FILES...) generates a C++ source that holds the given files'
# bytes and a lookup function `std::string_view <NAME>(std::string_view relativePath)`.
# Used for the SQL migrations and docs/openapi.yaml, so the binary needs no data files.
function(chancery_embed target name base)
  set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}.cpp)
  string(REPLACE ";" "|" files "${ARGN}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE=${base}
            "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${ARGN} ${PROJECT_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${name}"
    VERBATIM)
  target_sources(${target} PRIVATE ${out})
endfunction()
