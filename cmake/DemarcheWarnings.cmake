# One interface target carries the project's warning flags; every target links it.
add_library(demarche_warnings INTERFACE)
target_compile_options(demarche_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
if(DEMARCHE_WERROR)
  target_compile_options(demarche_warnings INTERFACE -Werror)
endif()

# DEMARCHE_SANITIZE=ON: AddressSanitizer and UndefinedBehaviorSanitizer on everything
# (`make test-sanitize`, with clang-14); undefined behaviour stops the program.
option(DEMARCHE_SANITIZE "Build with ASan and UBSan" OFF)
if(DEMARCHE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# DEMARCHE_TSAN=ON: ThreadSanitizer (`make test-tsan`, with clang-14), for the threads of the
# browser seats (civetweb's workers, the hub's view thread) and of `simulate --jobs`.
option(DEMARCHE_TSAN "Build with ThreadSanitizer" OFF)
if(DEMARCHE_TSAN)
  if(DEMARCHE_SANITIZE)
    message(FATAL_ERROR "DEMARCHE_TSAN and DEMARCHE_SANITIZE cannot be combined (ThreadSanitizer excludes ASan)")
  endif()
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# DEMARCHE_FUZZ=ON: the libFuzzer targets of fuzz/ (`make fuzz`, with clang-14); every library
# is instrumented for coverage, with ASan and UBSan.
option(DEMARCHE_FUZZ "Build the libFuzzer targets in fuzz/" OFF)
if(DEMARCHE_FUZZ)
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
    -fno-omit-frame-pointer)
  add_link_options(-fsanitize=address,undefined)
endif()

# demarche_glob(<var> <dir>): the .cpp files of one module folder.
function(demarche_glob var dir)
  file(GLOB _files CONFIGURE_DEPENDS ${dir}/*.cpp)
  set(${var} ${_files} PARENT_SCOPE)
endfunction()
