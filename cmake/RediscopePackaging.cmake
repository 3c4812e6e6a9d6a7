# Installation layout and the Debian package.
#
#   cmake --install build/release [--prefix DIR]     the binary, .desktop file, AppStream metainfo
#                                                    and icon, in the freedesktop.org places
#   cd build/release && cpack -G DEB                 rediscope_<version>_<arch>.deb
include(GNUInstallDirs)

set(REDISCOPE_APP_ID "io.rediscope.Rediscope")
set(_resources ${CMAKE_CURRENT_SOURCE_DIR}/resources)

install(FILES ${_resources}/${REDISCOPE_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
# AppStream wants screenshots as web URLs: when the project's docs/screenshots are published
# somewhere, give that base URL and the installed metainfo lists them (RediscopeMetainfo.cmake).
include(RediscopeMetainfo)
set(REDISCOPE_SCREENSHOTS_URL "" CACHE STRING
    "https:// URL under which docs/screenshots/*.png are published (AppStream screenshots)")
set(REDISCOPE_HOMEPAGE_URL "" CACHE STRING "The project's home page (AppStream, Debian package)")
set(_metainfo ${_resources}/${REDISCOPE_APP_ID}.metainfo.xml)
if(REDISCOPE_SCREENSHOTS_URL OR REDISCOPE_HOMEPAGE_URL)
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${_metainfo})
    rediscope_metainfo(${_metainfo} ${CMAKE_CURRENT_BINARY_DIR}/${REDISCOPE_APP_ID}.metainfo.xml
                       "${REDISCOPE_HOMEPAGE_URL}" "${REDISCOPE_SCREENSHOTS_URL}")
    set(_metainfo ${CMAKE_CURRENT_BINARY_DIR}/${REDISCOPE_APP_ID}.metainfo.xml)
endif()
install(FILES ${_metainfo} DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${_resources}/rediscope.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${REDISCOPE_APP_ID}.svg)

set(REDISCOPE_PACKAGE_MAINTAINER "Rediscope maintainers <maintainers@rediscope.invalid>"
    CACHE STRING "Maintainer field of the Debian package")

set(CPACK_PACKAGE_NAME "rediscope")
set(CPACK_PACKAGE_VENDOR "Rediscope")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
set(CPACK_PACKAGE_CONTACT "${REDISCOPE_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX "/usr")
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR "DEB")

set(CPACK_DEBIAN_PACKAGE_NAME "rediscope")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${REDISCOPE_PACKAGE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION "net")
set(CPACK_DEBIAN_PACKAGE_PRIORITY "optional")
if(REDISCOPE_HOMEPAGE_URL)
    set(CPACK_DEBIAN_PACKAGE_HOMEPAGE "${REDISCOPE_HOMEPAGE_URL}")
endif()
# The package's long description (CPack takes the summary above as its first line).
set(CPACK_PACKAGE_DESCRIPTION
    "Rediscope keeps connection profiles for Redis, Valkey and Dragonfly per environment, \
connects over TLS, shows what every connection negotiated (protocol, cipher, group, \
certificate chain, hostname check) and flags every insecure setting. The same engine runs \
headless (rediscope audit) with SARIF, JUnit, JSON and Markdown reports for CI.")
# Library dependencies are computed by dpkg-shlibdeps; QtKeychain loads libsecret at run time
# (its package does not depend on it), so that one is named here.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libsecret-1-0")
# The demo lab and the snippets use redis-server / redis-cli; the keychain needs a Secret Service.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "redis-tools, redis-server, gnome-keyring")

include(CPack)
