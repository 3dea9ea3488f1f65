# Every external package is found here, once (qBittorrent's CheckPackages.cmake).
# Qt 6.4 is what Debian 12 ships: use no API newer than that.
find_package(Qt6 6.4 REQUIRED COMPONENTS Core Network Sql Gui Widgets Charts Svg Test HttpServer LinguistTools)
find_package(Qt6Keychain REQUIRED)
find_package(LibXml2 REQUIRED)
