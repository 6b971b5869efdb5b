package com.omnichannel.gateway.platform.graphql;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.enterprise.inject.spi.BeanManager;

import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.Query;

/** Finds the root query fields the domains' {@code *GraphQLApi} beans mark {@link PublicRead}. */
final class PublicReads {

    private PublicReads() {
    }

    static Set<String> rootFields(BeanManager beans) {
        Set<String> fields = new TreeSet<>();
        for (Bean<?> bean : beans.getBeans(Object.class, Any.Literal.INSTANCE)) {
            Class<?> type = bean.getBeanClass();
            if (type.isAnnotationPresent(GraphQLApi.class)) {
                for (Method method : type.getMethods()) {
                    if (method.isAnnotationPresent(PublicRead.class)) {
                        fields.add(queryName(method));
                    }
                }
            }
        }
        return Set.copyOf(fields);
    }

    /** The field's name as SmallRye names it: the {@code @Query} value, else {@code @Name}, else the method's. */
    static String queryName(Method method) {
        Query query = method.getAnnotation(Query.class);
        if (query == null) {
            throw new IllegalStateException(method + " is marked @PublicRead but is not a @Query");
        }
        if (!query.value().isEmpty()) {
            return query.value();
        }
        Name name = method.getAnnotation(Name.class);
        if (name != null) {
            return name.value();
        }
        String n = method.getName();
        return n.startsWith("get") && n.length() > 3 ? Character.toLowerCase(n.charAt(3)) + n.substring(4) : n;
    }
}
