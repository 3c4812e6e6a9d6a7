# Shared compile options for every Rediscope target: link rediscope_options to inherit them.
add_library(rediscope_options INTERFACE)
target_compile_features(rediscope_options INTERFACE cxx_std_23)
target_compile_options(rediscope_options INTERFACE
    -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
    -Wunused -Woverloaded-virtual -Wnull-dereference -Wimplicit-fallthrough
    # GCC's -Wnull-dereference reports paths through Qt's containers that cannot happen, and
    # only at -O3: kept visible, never fatal.
    $<$<BOOL:${REDISCOPE_WERROR}>:-Werror>
    $<$<BOOL:${REDISCOPE_WERROR}>:-Wno-error=null-dereference>)
target_compile_definitions(rediscope_options INTERFACE
    QT_NO_CAST_FROM_ASCII
    QT_NO_CAST_TO_ASCII
    QT_NO_KEYWORDS
    QT_NO_URL_CAST_FROM_STRING
    QT_USE_QSTRINGBUILDER
    QT_DISABLE_DEPRECATED_BEFORE=0x060400
    OPENSSL_API_COMPAT=30000
    OPENSSL_NO_DEPRECATED)
option(REDISCOPE_WERROR "Treat warnings as errors" OFF)
set(CMAKE_CXX_EXTENSIONS OFF)

# Sanitizers, selected by the presets.
set(REDISCOPE_SANITIZE "" CACHE STRING "Sanitizers to enable: address;undefined or thread")
if(REDISCOPE_SANITIZE)
    list(JOIN REDISCOPE_SANITIZE "," _san)
    target_compile_options(rediscope_options INTERFACE -fsanitize=${_san} -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(rediscope_options INTERFACE -fsanitize=${_san})
endif()

# libstdc++ 12/13 only declares std::expected when __cpp_concepts >= 202002L; Clang implements
# what it needs (P0848, conditionally trivial special members) from 16 on but announces 202002L
# only from 19 on. Clang 16-18 therefore gets the value it has earned.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    if(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 16)
        message(FATAL_ERROR "Clang ${CMAKE_CXX_COMPILER_VERSION} cannot compile Rediscope "
                            "(std::expected needs Clang 16 or newer: use clang-16).")
    elseif(CMAKE_CXX_COMPILER_VERSION VERSION_LESS 19)
        target_compile_options(rediscope_options INTERFACE -U__cpp_concepts -D__cpp_concepts=202002L)
    endif()
endif()

# Fuzzing (tests/fuzz): everything is compiled for libFuzzer's coverage feedback with ASan and
# UBSan; only the fuzz targets link libFuzzer itself (-fsanitize=fuzzer).
option(REDISCOPE_FUZZ "Build the libFuzzer targets of tests/fuzz (Clang only)" OFF)
if(REDISCOPE_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "REDISCOPE_FUZZ needs Clang (the fuzz preset uses clang++-16).")
    endif()
    if(REDISCOPE_SANITIZE)
        message(FATAL_ERROR "REDISCOPE_FUZZ brings its own sanitizers; leave REDISCOPE_SANITIZE empty.")
    endif()
    target_compile_options(rediscope_options INTERFACE
        -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
        -fno-omit-frame-pointer)
    target_link_options(rediscope_options INTERFACE -fsanitize=address,undefined)
endif()
