import { index, route, type RouteConfig } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("join", "routes/join.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("recover", "routes/recover.tsx"),
  route("settings", "routes/settings.tsx"),
  route("language", "routes/language.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
