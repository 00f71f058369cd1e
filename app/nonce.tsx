// The CSP nonce travels from the server to <Scripts> through React context; in the browser it
// is empty (browsers hide nonce attributes from the DOM anyway).
import { createContext, useContext } from "react";

const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;
export const useNonce = () => useContext(NonceContext);
