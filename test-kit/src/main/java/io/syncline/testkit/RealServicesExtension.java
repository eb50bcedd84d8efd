package io.syncline.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves endpoint parameters through {@link Services}; see {@link RealServices}. */
public final class RealServicesExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return ServiceType.forEndpoint(parameter.getParameter().getType()).isPresent();
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return Services.get(ServiceType.forEndpoint(parameter.getParameter().getType()).orElseThrow());
    }
}
