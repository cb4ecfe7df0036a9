# `cmake --install`: the secmode executable, the libraries another implementation's tests link
# (secmode::spec, secmode::impl, secmode::oracle) with their headers under include/secmode/ (so
# "oracle/nas_judge.h" resolves as in this tree), a CMake package (find_package(secmode)) and
# a pkg-config file. examples/consumer/ is built against the installed package by the tests.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set_target_properties(secmode_spec PROPERTIES EXPORT_NAME spec)
set_target_properties(secmode_impl PROPERTIES EXPORT_NAME impl)
set_target_properties(secmode_oracle PROPERTIES EXPORT_NAME oracle)
install(TARGETS secmode_spec secmode_impl secmode_oracle EXPORT secmodeTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS secmode RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(dir spec impl oracle)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/secmode/${dir}
          FILES_MATCHING PATTERN "*.h")
endforeach()

set(secmode_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/secmode)
install(EXPORT secmodeTargets NAMESPACE secmode:: DESTINATION ${secmode_cmake_dir})
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/secmodeConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/secmodeConfig.cmake INSTALL_DESTINATION ${secmode_cmake_dir})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/secmodeConfigVersion.cmake COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/secmodeConfig.cmake ${PROJECT_BINARY_DIR}/secmodeConfigVersion.cmake
        DESTINATION ${secmode_cmake_dir})
file(RELATIVE_PATH secmode_pc_to_prefix ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
configure_file(${PROJECT_SOURCE_DIR}/cmake/secmode.pc.in ${PROJECT_BINARY_DIR}/secmode.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/secmode.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
