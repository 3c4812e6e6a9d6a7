# The installed AppStream metainfo: resources/io.rediscope.Rediscope.metainfo.xml, plus the home
# page and the screenshots when the URLs where they are published are known (AppStream only takes
# web URLs for screenshots, so the source file cannot name docs/screenshots by itself).
#
# Included by RediscopePackaging.cmake, or as a script (the packaging test uses this):
#   cmake -DINPUT=in.xml -DOUTPUT=out.xml [-DHOMEPAGE_URL=…] [-DSCREENSHOTS_URL=…] -P RediscopeMetainfo.cmake
function(rediscope_metainfo input output homepage screenshots)
    file(READ ${input} xml)
    set(extra "")
    if(homepage)
        string(APPEND extra "  <url type=\"homepage\">${homepage}</url>\n")
    endif()
    if(screenshots)
        string(APPEND extra "  <screenshots>\n")
        set(type "default")
        foreach(shot IN ITEMS
                "environments|Every service's development, staging and production side by side"
                "overview|The staged connection of a profile with an expired certificate"
                "certificates|The certificate chain as sent and as verified"
                "findings|Findings with severity, evidence and remediation"
                "protocols|Protocol versions and cipher suites the server accepts")
            string(REPLACE "|" ";" parts "${shot}")
            list(GET parts 0 name)
            list(GET parts 1 caption)
            string(APPEND extra "    <screenshot type=\"${type}\">\n"
                "      <caption>${caption}</caption>\n"
                "      <image>${screenshots}/main-window-${name}.png</image>\n"
                "    </screenshot>\n")
            set(type "extra")
        endforeach()
        string(APPEND extra "  </screenshots>\n")
    endif()
    string(REPLACE "  <content_rating" "${extra}  <content_rating" xml "${xml}")
    file(WRITE ${output} "${xml}")
endfunction()

if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
    rediscope_metainfo("${INPUT}" "${OUTPUT}" "${HOMEPAGE_URL}" "${SCREENSHOTS_URL}")
endif()
