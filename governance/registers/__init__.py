"""The registers of /bestuur/: organisations and bodies, who sits where, decisions and council
views, and the governance timeline."""
