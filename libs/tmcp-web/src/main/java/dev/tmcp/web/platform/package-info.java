/** Platform service credentials (spec 4.4.9) shared by the services that serve platform-only endpoints. */
package dev.tmcp.web.platform;
