# selfdirect_embed(OUT_VAR NAMESPACE ns FILES...) turns text files into a generated .cc that defines
# `const std::vector<ns::EmbeddedFile>& ns::EmbeddedFiles()`, so the binary needs no files at run time.
function(selfdirect_embed out_var)
  cmake_parse_arguments(E "" "NAME;BASE" "FILES" ${ARGN})
  set(out "${CMAKE_CURRENT_BINARY_DIR}/${E_NAME}_embedded.cc")
  string(REPLACE ";" "|" files_arg "${E_FILES}")
  add_custom_command(
    OUTPUT "${out}"
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${E_NAME} -DBASE=${E_BASE} "-DFILES=${files_arg}"
            -P "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    DEPENDS ${E_FILES} "${PROJECT_SOURCE_DIR}/cmake/embed_files.cmake"
    COMMENT "Embedding ${E_NAME} files"
    VERBATIM)
  set(${out_var} "${out}" PARENT_SCOPE)
endfunction()
